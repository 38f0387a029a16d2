/** A match inside one line, as the line rules report it (offsets relative to the line). */
export interface LineMatch {
  rule: string;
  start: number;
  end: number;
  secret: string;
}

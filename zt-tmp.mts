import { z } from "zod";
const s = z.object({ a: z.string().describe("x"), b: z.number().int().min(1).nullable(), c: z.array(z.object({d: z.boolean()})), e: z.enum(["x","y"]), f: z.string().nullable().default(null) });
console.log(JSON.stringify(z.toJSONSchema(s, { io: "output" }), null, 1));
console.log(JSON.stringify(z.toJSONSchema(s, { io: "output", target: "draft-07" })));

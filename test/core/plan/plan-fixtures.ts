/** A plan of two phases, as a person would write `ops/por.json`. */
export const twoPhasePlan = {
  version: 1,
  title: "Widgets v1",
  phases: [
    { id: "P1", title: "Foundations", items: ["1.1", "1.2"] },
    { id: "P2", title: "Delivery", items: ["2.1"] },
  ],
  items: [
    { id: "1.1", title: "Widget schema", refs: ["NT-0001"] },
    { id: "1.2", title: "Widget store", refs: ["TD-0002"], depends_on: ["1.1"] },
    { id: "2.1", title: "Widget API", depends_on: ["1.2"] },
  ],
};

export const planText = (plan: unknown = twoPhasePlan): string => `${JSON.stringify(plan, null, 2)}\n`;

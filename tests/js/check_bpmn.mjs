// Parse BPMN files with bpmn-moddle and lint them with bpmnlint's recommended rules.
// Usage: node check_bpmn.mjs FILE...  Prints one JSON object: {file: {warnings, lint, counts}}.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { BpmnModdle } from "bpmn-moddle";

const require = createRequire(import.meta.url);
const { Linter } = require("bpmnlint");
const NodeResolver = require("bpmnlint/lib/resolver/node-resolver");

const moddle = new BpmnModdle();
const report = {};
for (const file of process.argv.slice(2)) {
  const xml = await readFile(file, "utf8");
  const { rootElement, warnings } = await moddle.fromXML(xml);
  // one linter per file: bpmnlint's rules keep what they saw between files
  const linter = new Linter({
    config: { extends: "bpmnlint:recommended" },
    resolver: new NodeResolver({ require }),
  });
  const results = await linter.lint(rootElement);
  const lint = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const r of reports) lint.push(`${rule} ${r.category}: ${r.id} ${r.message}`);
  }
  const process_ = rootElement.rootElements.find((e) => e.$type === "bpmn:Process");
  const lanes = process_.laneSets.flatMap((s) => s.lanes);
  const nodes = process_.flowElements.filter((e) => e.$type !== "bpmn:SequenceFlow");
  const shapes = rootElement.diagrams[0].plane.planeElement.map((e) => e.bpmnElement && e.bpmnElement.id);
  report[file] = {
    warnings: warnings.map((w) => w.message),
    lint,
    lanes: lanes.map((l) => l.name),
    nodes: nodes.length,
    flows: process_.flowElements.length - nodes.length,
    withoutDi: [...lanes, ...process_.flowElements].filter((e) => !shapes.includes(e.id)).map((e) => e.id),
    notInOneLane: nodes.filter((n) => lanes.filter((l) => (l.flowNodeRef || []).includes(n)).length !== 1).map((n) => n.id),
  };
}
console.log(JSON.stringify(report, null, 1));

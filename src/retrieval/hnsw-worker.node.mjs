// Builds one hnswlib graph in a worker thread (plain JavaScript, so it runs under tsx, vitest or bare node).
// Protocol: workerData { dims, capacity, m, efConstruction, file }; messages { vectors: Float32Array,
// first: number } add points labelled first, first+1, …, each acknowledged with { ack: count };
// { done: true } writes the graph to `file` and answers { written: count }. Errors answer { error }.
import { parentPort, workerData } from "node:worker_threads";
import hnswlib from "hnswlib-node";

const { dims, capacity, m, efConstruction, file } = workerData;
const index = new hnswlib.HierarchicalNSW("cosine", dims);
index.initIndex(Math.max(1, capacity), m, efConstruction);
let count = 0;

parentPort.on("message", async (msg) => {
  try {
    if (msg.done) {
      await index.writeIndex(file);
      parentPort.postMessage({ written: count });
      return;
    }
    const { vectors, first } = msg;
    const n = vectors.length / dims;
    const point = new Array(dims);
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < dims; j++) point[j] = vectors[k * dims + j];
      index.addPoint(point, first + k);
    }
    count += n;
    parentPort.postMessage({ ack: n });
  } catch (e) {
    parentPort.postMessage({ error: String(e?.message ?? e) });
  }
});

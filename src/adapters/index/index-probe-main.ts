/**
 * Child-process entry (see index-probe.ts): opens each collection file of one index version and
 * searches it. Exits 0 when every search came back; a file crafted to loop or crash hnswlib
 * hangs or kills this process, never the server.
 * argv: <file> <dimension> <expected count> [<file> <dimension> <expected count> …]
 */
import { HnswCollection } from './hnsw-collection.js';

const args = process.argv.slice(2);
for (let i = 0; i + 2 < args.length; i += 3) {
  const [file, dimension, count] = [args[i]!, Number(args[i + 1]), Number(args[i + 2])];
  const collection = await HnswCollection.read(file, dimension, count);
  if (collection.count === 0) continue;
  // A few queries from different directions walk different parts of the graph.
  for (let q = 0; q < 8; q++) {
    const query = Float32Array.from({ length: dimension }, (_, d) => Math.sin((q + 1) * (d + 1)));
    collection.search(query, Math.min(10, collection.count));
  }
}
process.exit(0);

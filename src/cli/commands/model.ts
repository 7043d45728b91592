import { parseArgs } from 'node:util';
import { providerLoader } from '../../adapters/embeddings/embedder-loader.js';
import { printResult, type Command } from '../context.js';

export const modelCommand: Command = {
  name: 'model',
  summary: 'Load the configured embedding model (downloading it when allowed) and report it',
  usage: 'skillpath model [--json]   (the Dockerfile runs this to pre-fetch the model)',
  async run(ctx, argv) {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });
    const { embedding } = ctx.config;
    if (embedding.provider === 'none') {
      printResult(ctx, values.json, { provider: 'none' }, ['EMBEDDING_PROVIDER=none: no model to load.']);
      return 0;
    }
    const started = Date.now();
    const embedder = await providerLoader(ctx.config)(embedding);
    const result = {
      provider: embedding.provider,
      model: embedder.modelId,
      dtype: embedding.dtype,
      dimension: embedder.dimension,
      modelDir: embedding.modelDir,
      loadMs: Date.now() - started,
    };
    printResult(ctx, values.json, result, [
      `${result.model} (${result.dtype}) loaded from ${result.modelDir}: ${result.dimension} dimensions in ${result.loadMs} ms.`,
    ]);
    return 0;
  },
};

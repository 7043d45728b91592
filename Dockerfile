# syntax=docker/dockerfile:1
# skillpath: build, production dependencies, model pre-fetch, then a small non-root runtime.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts: `prepare` would compile before the sources are copied in.
RUN npm ci --ignore-scripts && npm rebuild
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Production dependencies only; `npm rebuild` runs the dependencies' own install steps
# (native addons) but not our `prepare`, which needs the dev toolchain.
RUN npm ci --omit=dev --ignore-scripts && npm rebuild

FROM deps AS models
ARG EMBEDDING_MODEL=Xenova/all-MiniLM-L6-v2
ARG EMBEDDING_DTYPE=fp32
COPY --from=build /app/dist ./dist
COPY drizzle ./drizzle
# Download the model once at build time so the running service never needs the network.
RUN MODEL_DIR=/models EMBEDDING_MODEL=${EMBEDDING_MODEL} EMBEDDING_DTYPE=${EMBEDDING_DTYPE} \
    ALLOW_REMOTE_MODELS=true node dist/cli/main.js model

FROM node:20-bookworm-slim AS runtime
ARG EMBEDDING_MODEL=Xenova/all-MiniLM-L6-v2
ARG EMBEDDING_DTYPE=fp32
WORKDIR /app
ENV EMBEDDING_MODEL=${EMBEDDING_MODEL} \
    EMBEDDING_DTYPE=${EMBEDDING_DTYPE} \
    MODEL_DIR=/app/data/models \
    ALLOW_REMOTE_MODELS=false \
    PGLITE_DIR=/app/data/pglite \
    INDEX_DIR=/app/data/index \
    PORT=3000
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=models /models ./data/models
COPY package.json .npmrc ./
COPY bin ./bin
COPY drizzle ./drizzle
COPY data/starter ./data/starter
# The advisor pages are static files read at run time (tsc does not copy them into dist/).
COPY src/http/public ./src/http/public
RUN mkdir -p data/pglite data/index && chown -R node:node data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/server.js"]

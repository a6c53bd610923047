# One image for every service; the command picks which one runs (see docker-compose.yml).
# The build stage compiles the services to JavaScript (npm run build: tsc into dist/); the image runs
# `node dist/...` with production dependencies only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY common ./common
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
COPY web/dist ./web/dist
COPY scripts ./scripts
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# The sources too: operators' scripts (npm run api-keys) run them with tsx.
COPY common ./common
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY schema ./schema
# The H5 code page and the dashboard, built and checked in (npm run web:build); served by the gateway.
COPY web/dist ./web/dist
COPY scripts ./scripts
COPY tsconfig.json ./
USER node
ENV HOST=0.0.0.0
CMD ["npm", "run", "start:gateway"]

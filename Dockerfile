# One image for every service; the command picks which one runs (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
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

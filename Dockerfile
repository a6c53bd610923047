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
COPY scripts ./scripts
COPY tsconfig.json ./
USER node
ENV HOST=0.0.0.0
CMD ["npm", "run", "start:gateway"]

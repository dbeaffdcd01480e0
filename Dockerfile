# The tracker for a real deployment: built in one stage, run as a non-root user in another.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# the dashboard (web/dist) and the server compiled to JavaScript (dist/server), then the dev tools go
RUN npm run build && npm run build:server && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/dist/server ./dist/server
COPY --from=build --chown=node:node /app/db/migrations ./db/migrations
COPY --from=build --chown=node:node /app/web/dist ./web/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# migrations run at start, idempotently; the same command the tests start. Plain node on the
# compiled server: one process, no TypeScript loader; stack traces name the .ts lines through the
# source maps (the .ts files are not in the image, the maps carry the line numbers)
CMD ["node", "--enable-source-maps", "dist/server/server/main.js"]

# syntax=docker/dockerfile:1
# Build and test in the first stage; ship only production dependencies and compiled output.
FROM node:24-bookworm-slim AS build
# git: the sandbox the tests run on keeps real git repositories
RUN apt-get update \
    && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY bin ./bin
# the sandbox package is a `file:` devDependency: npm links it, so it must be there before `npm ci`
COPY packages ./packages
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && npm test

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would try to compile, but the compiled output comes from the build stage.
# --omit=dev leaves out the sandbox package (a devDependency) and its dependencies, so packages/ is
# not copied: test/deploy/production-install.test.ts installs the same files the same way.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY app.yml ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]

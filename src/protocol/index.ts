// The leaf every other folder builds on: the protocol's messages and tables, the
// Transport interface, the worker host API, the sync channel, the markers and the
// errors transports throw. It imports nothing of ours outside this folder.
export * from "./contract.js";
export * from "./errors.js";
export * from "./host-api.js";
export * from "./markers.js";
export * from "./messages.js";
export * from "./sync-channel.js";
export * from "./transport.js";

export * from "./build-hierarchy.js";

// Stands in for "server-only" under vitest: the real module throws outside Next's react-server condition.
export {};

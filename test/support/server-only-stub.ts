// Tests run outside Next's react-server condition, where the real "server-only" module throws.
export {};

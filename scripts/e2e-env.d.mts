export function zeroKeyEnv(source?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;

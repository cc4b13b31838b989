/** zhiban's version: in every manifest's `generator`, the build cache's key and `zhiban --version`. */
export const VERSION = '0.1.0'

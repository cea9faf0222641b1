// The database dialect in use. Only SQLite exists today; PostgreSQL will be chosen here from DATABASE_URL.
export * from "./sqlite";
export * from "./sqlite-files";
export * from "./like";

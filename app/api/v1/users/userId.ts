/** User ids are UUIDs; anything else names no user (and a NUL in it would make Postgres fail the lookup). */
export const USER_ID = /^[\w-]{1,64}$/;

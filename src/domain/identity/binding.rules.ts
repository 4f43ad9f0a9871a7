/** 住户绑定: the limits the identity function checks and the binding screens show. */

/** A room as residents type it, e.g. 2单元301. */
export const ROOM_MAX = 20;

/** The note a building head or staff give with a decision (a rejection's reason, which the resident sees). */
export const BINDING_NOTE_MAX = 100;

/** Most requests one 批量通过 decides (a page of cards a person can look over). */
export const BINDING_BATCH_MAX = 50;

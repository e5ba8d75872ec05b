// The licensing server's operations, one import for src-licensing/http.ts: each lives in the
// file of its job, and none of them imports this one.
export { register, join, authenticate } from './accounts';
export { PRICING, type Device, type LicensingContext } from './context';
export { LicensingError } from './licensing-error';
export { applyOrderEvent, createOrder, findOrder, listOrders } from './orders';
export { sync } from './sync';

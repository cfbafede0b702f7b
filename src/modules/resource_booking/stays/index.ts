export * from "./nights"
export { assertStayFields } from "./fields"

/** What the privacy API's lists answer: a page of items and how many there are. */
export type { NumberedPage as PageOf } from "../../api/privacy";

export const PAGE_SIZE = 25;

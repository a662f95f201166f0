/** What the privacy API's lists answer: a page of items and how many there are. */
export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export const PAGE_SIZE = 25;

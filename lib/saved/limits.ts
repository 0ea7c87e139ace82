/** Papers one reading list holds (the database enforces it: migration 20261204070000_reading_list_cap). */
export const READING_LIST_MAX = 1_000;

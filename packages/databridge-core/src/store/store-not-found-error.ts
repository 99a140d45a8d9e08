/** An update named a row that does not exist. */
export class StoreNotFoundError extends Error {
  /** The kind of row, such as `connection`. */
  readonly entity: string;
  /** The id that was not found. */
  readonly id: string;

  /** @param entity - The kind of row. @param id - The missing id. */
  constructor(entity: string, id: string) {
    super(`No ${entity} with id ${JSON.stringify(id)} in the store`);
    this.name = 'StoreNotFoundError';
    this.entity = entity;
    this.id = id;
  }
}

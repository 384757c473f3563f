/** A forum thread, kept in memory: the example has no database. */
export interface Thread {
  readonly id: number;
  readonly title: string;
  readonly body: string;
}

/** At most this many threads are kept, so that a long-running example stays small. */
const LIMIT = 100;

const threads: Thread[] = [
  { id: 1, title: "Welcome to the forum", body: "Every page here comes from the forum module." },
  {
    id: 2,
    title: "Modules override the root",
    body: "A module's templates and static files win over the root's.",
  },
];

export const listThreads = (): readonly Thread[] => threads;

export const findThread = (id: number): Thread | undefined =>
  threads.find((thread) => thread.id === id);

export function addThread(title: string, body: string): Thread {
  const thread = {
    id: (threads.at(-1)?.id ?? 0) + 1,
    title: title.slice(0, 120),
    body: body.slice(0, 2000),
  };
  threads.push(thread);
  if (threads.length > LIMIT) threads.splice(0, threads.length - LIMIT);
  return thread;
}

/**
 * A pure function of a string, remembered: a schema asks the same few questions (is this name
 * plain, what type is this declared text) thousands of times. Cleared when full, so a
 * long-lived process that sees many schemas stays bounded.
 */
export function boundedMemo<T>(compute: (key: string) => T, limit = 10_000): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as T;
    const answer = compute(key);
    if (answers.size >= limit) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}

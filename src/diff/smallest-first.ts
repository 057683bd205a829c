/**
 * Keeps the `limit` smallest of a stream under `compare`, in O(n log limit)
 * time and O(limit) memory, so a change that relabels a million annotations
 * costs no full sort to report its first few. A max-heap: the root is the
 * largest kept entry, the one a smaller newcomer evicts.
 */
export class SmallestFirst<T> {
  private readonly heap: T[] = []

  constructor(
    private readonly limit: number,
    private readonly compare: (a: T, b: T) => number
  ) {}

  offer(value: T): void {
    const heap = this.heap
    if (heap.length < this.limit) {
      heap.push(value)
      this.siftUp(heap.length - 1)
    } else if (heap.length > 0 && this.compare(value, heap[0]!) < 0) {
      heap[0] = value
      this.siftDown(0)
    }
  }

  /** The kept entries, ascending. */
  sorted(): T[] {
    return [...this.heap].sort(this.compare)
  }

  private siftUp(at: number): void {
    const heap = this.heap
    while (at > 0) {
      const parent = (at - 1) >> 1
      if (this.compare(heap[at]!, heap[parent]!) <= 0) return
      ;[heap[at], heap[parent]] = [heap[parent]!, heap[at]!]
      at = parent
    }
  }

  private siftDown(at: number): void {
    const heap = this.heap
    for (;;) {
      const left = 2 * at + 1
      const right = left + 1
      let largest = at
      if (left < heap.length && this.compare(heap[left]!, heap[largest]!) > 0)
        largest = left
      if (right < heap.length && this.compare(heap[right]!, heap[largest]!) > 0)
        largest = right
      if (largest === at) return
      ;[heap[at], heap[largest]] = [heap[largest]!, heap[at]!]
      at = largest
    }
  }
}

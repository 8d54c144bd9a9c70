#ifndef CROSSWALK_GATEWAY_SYNC_BOUNDED_QUEUE_H_
#define CROSSWALK_GATEWAY_SYNC_BOUNDED_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace crosswalk {

// A hand-off of items between a producer thread and a consumer thread that holds at most
// `capacity` items, so a fast producer waits instead of reading a source into memory.
//
// Thread-safe. The producer calls Push and, when it has nothing more, Finish; the consumer calls
// Pop and, to stop early, Cancel (then Push returns false and the producer should end).
template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}

  // Blocks while the queue is full. False when the consumer has cancelled (the item is dropped).
  bool Push(T item) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [&] { return cancelled_ || items_.size() < capacity_; });
    if (cancelled_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  // The producer has pushed its last item.
  void Finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
    not_empty_.notify_all();
  }

  // Blocks while the queue is empty; std::nullopt once the producer has finished and every item
  // was taken, or after Cancel.
  std::optional<T> Pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [&] { return cancelled_ || finished_ || !items_.empty(); });
    if (cancelled_ || items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  // The consumer wants no more items: wakes and refuses the producer.
  void Cancel() {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
    items_.clear();
    not_full_.notify_all();
    not_empty_.notify_all();
  }

 private:
  const size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> items_;
  bool finished_ = false;
  bool cancelled_ = false;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_SYNC_BOUNDED_QUEUE_H_

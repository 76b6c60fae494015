#pragma once
/// @file finml/storage/detail/connection_pool.hpp
/// A fixed set of database connections shared by the server's threads. Private to the adapters.
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace finml::storage::detail {

/// Hands out one connection per caller at a time; acquire() blocks until one is idle.
/// The pool must outlive every Lease it handed out.
template <class Connection>
class ConnectionPool {
 public:
  /// Returns its connection to the pool when it goes out of scope.
  class Lease {
   public:
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (connection_) pool_->give_back(std::move(connection_));
    }

    [[nodiscard]] Connection& operator*() const noexcept { return *connection_; }
    [[nodiscard]] Connection* operator->() const noexcept { return connection_.get(); }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection) noexcept
        : pool_(&pool), connection_(std::move(connection)) {}

    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  explicit ConnectionPool(std::vector<std::unique_ptr<Connection>> connections)
      : size_(connections.size()), idle_(std::move(connections)) {
    // Giving a connection back must not allocate (it runs in destructors): room for all of them.
    idle_.reserve(size_);
  }
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  [[nodiscard]] Lease acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !idle_.empty(); });
    std::unique_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(connection));
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  void give_back(std::unique_ptr<Connection> connection) noexcept {
    {
      const std::lock_guard lock(mutex_);
      idle_.push_back(std::move(connection));
    }
    available_.notify_one();
  }

  const std::size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace finml::storage::detail

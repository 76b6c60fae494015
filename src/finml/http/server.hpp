#pragma once
/// @file finml/http/server.hpp
/// The HTTP/1.1 transport: keep-alive and pipelining, a request body limit answered with 413,
/// separate header, body, idle and write timeouts, one event loop per worker thread, and a
/// graceful shutdown that lets requests already begun finish.
///
/// Built on standalone Asio and the nodejs http-parser (the two libraries RESTinio is built
/// on); docs/architecture.md says why RESTinio itself was not used.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <finml/core/error.hpp>
#include <finml/http/message.hpp>

namespace finml::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;  ///< 0: any free port (see Server::port())
  std::size_t threads = 1;
  std::size_t max_body_bytes = 10 * 1024 * 1024;
  std::size_t max_header_bytes = 64 * 1024;  ///< request line plus header fields
  std::size_t max_connections = 10'000;
  /// From the first byte of a request until its header block is complete.
  std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};
  /// From the end of the headers until the whole body has arrived.
  std::chrono::milliseconds body_timeout{std::chrono::seconds(30)};
  /// How long a keep-alive connection may wait for its next request.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};
  /// How long a client may take to read a response.
  std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
  /// How long shutdown() waits for requests in flight.
  std::chrono::milliseconds shutdown_timeout{std::chrono::seconds(30)};
  /// How often freed heap memory is handed back to the system (0: never), so that resident
  /// memory follows live memory instead of the allocator's high-water marks.
  std::chrono::milliseconds memory_trim_interval{std::chrono::seconds(1)};
};

/// Why the transport answered a request itself, before any route saw it.
enum class Rejection {
  kMalformedRequest,  ///< 400: not HTTP/1.x
  kHeadersTooLarge,   ///< 431
  kBodyTooLarge,      ///< 413
  kTimeout,           ///< 408: the client was too slow to send its request
};

/// What the server calls for each request. Called concurrently from every worker thread.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual Response handle(Request& request) = 0;
  /// The response for a request the transport refuses; `partial` holds what was read of it.
  virtual Response reject(Rejection rejection, const Request& partial) = 0;
};

class Server {
 public:
  Server(ServerOptions options, RequestHandler& handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds, listens and starts the worker threads. Fails (kUnavailable) when the address
  /// cannot be bound.
  core::Result<void> start();
  /// The port listened on (the one picked by the system when 0 was asked for).
  [[nodiscard]] std::uint16_t port() const noexcept;
  [[nodiscard]] std::size_t open_connections() const noexcept;

  /// Stops accepting, closes idle keep-alive connections, lets every request already begun
  /// finish and be answered (up to shutdown_timeout), then stops the threads. Returns how
  /// many connections were still open at the deadline and had to be cut.
  std::size_t shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace finml::http

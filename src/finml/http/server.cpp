#include <finml/http/server.hpp>

#include <http_parser.h>
#include <malloc.h>

#include <asio.hpp>
#include <atomic>
#include <ctime>
#include <limits>
#include <span>
#include <optional>
#include <thread>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <finml/core/text.hpp>

namespace finml::http {
namespace {

using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kReadBufferBytes = 16 * 1024;
/// After refusing a request mid-body, keep reading (and discarding) for this long so that the
/// client sees our answer instead of a connection reset.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kRegistryReserve = 1024;

class Connection;

// One event loop run by every worker thread: whichever thread is free takes the next ready
// connection, so a thread the kernel preempts (on a machine shared with its clients) does not
// hold back the connections that would otherwise be bound to it. Each connection runs on a
// strand of its own, so its handlers never run concurrently.
struct Shared {
  Shared(ServerOptions server_options, RequestHandler& request_handler)
      : options(std::move(server_options)), handler(request_handler),
        io(static_cast<int>(std::max<std::size_t>(1, options.threads))) {
    // Sized up front so that a burst of connections does not grow (and fragment) it later.
    registry.reserve(kRegistryReserve);
  }

  ServerOptions options;
  RequestHandler& handler;
  std::atomic<std::size_t> open_connections{0};
  std::atomic<bool> draining{false};
  std::mutex registry_mutex;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> registry;
  // Last, so that it is destroyed first: the handlers it still holds own connections, whose
  // destructors use the members above.
  asio::io_context io;
};

// The Date header, formatted once per second per thread.
std::string_view http_date() {
  thread_local std::time_t cached_second = 0;
  thread_local char text[64] = {};
  const std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm parts{};
    gmtime_r(&now, &parts);
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &parts);
    cached_second = now;
  }
  return text;
}

void append_header_value(std::string& out, std::string_view value) {
  for (const char c : value) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
}

std::string serialize_head(const Response& response, bool keep_alive) {
  std::string head;
  head.reserve(256);
  head += "HTTP/1.1 ";
  head += std::to_string(response.status);
  head += ' ';
  head += reason_phrase(response.status);
  // A 204 (a CORS preflight) and a 304 (If-None-Match) have no content: no Content-Type, and no
  // Content-Length (RFC 9110; a 304's would have to be that of the 200 it stands for).
  if (!response.content_type.empty()) {
    head += "\r\nContent-Type: ";
    append_header_value(head, response.content_type);
  }
  if (response.status != 204 && response.status != 304) {
    head += "\r\nContent-Length: ";
    head += std::to_string(response.body.size());
  }
  head += "\r\nDate: ";
  head += http_date();
  head += keep_alive ? "\r\nConnection: keep-alive" : "\r\nConnection: close";
  for (const auto& header : response.headers) {
    head += "\r\n";
    append_header_value(head, header.name);
    head += ": ";
    append_header_value(head, header.value);
  }
  head += "\r\n\r\n";
  return head;
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Shared& shared)
      : socket_(std::move(socket)), shared_(shared), buffer_(new char[kReadBufferBytes]) {
    shared_.open_connections.fetch_add(1, std::memory_order_relaxed);
    http_parser_init(&parser_, HTTP_REQUEST);
    parser_.data = this;
    asio::error_code ec;
    const auto remote = socket_.remote_endpoint(ec);
    if (!ec) remote_address_ = remote.address().to_string();
    socket_.set_option(tcp::no_delay(true), ec);
  }

  ~Connection() {
    {
      const std::lock_guard lock(shared_.registry_mutex);
      shared_.registry.erase(this);
    }
    shared_.open_connections.fetch_sub(1, std::memory_order_relaxed);
  }

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Registers the connection and starts reading; runs on the connection's strand.
  void start() {
    {
      const std::lock_guard lock(shared_.registry_mutex);
      shared_.registry.emplace(this, weak_from_this());
    }
    if (shared_.draining.load()) {
      close();
      return;
    }
    wait_for_request();
  }

  /// Runs `task` on the connection's strand.
  template <class Task>
  void post(Task&& task) {
    asio::post(socket_.get_executor(), std::forward<Task>(task));
  }

  /// The server is shutting down: close now if no request has begun, else after answering it.
  void drain() {
    close_after_response_ = true;
    if (state_ == State::kIdle && pending_begin_ == pending_end_) close();
  }

 private:
  enum class State { kIdle, kReadingHeaders, kReadingBody, kHandling, kWriting, kLingering, kClosed };

  // ---- reading -------------------------------------------------------------------------

  void wait_for_request() {
    state_ = State::kIdle;
    arm_timer(shared_.options.idle_timeout);
    if (pending_begin_ != pending_end_) {
      parse_pending();  // a pipelined request is already buffered
    } else {
      read_more();
    }
  }

  void read_more() {
    if (reading_ || state_ == State::kClosed) return;
    reading_ = true;
    socket_.async_read_some(
        asio::buffer(buffer_.get(), kReadBufferBytes),
        [self = shared_from_this()](const asio::error_code& ec, std::size_t length) {
          self->reading_ = false;
          self->on_read(ec, length);
        });
  }

  void on_read(const asio::error_code& ec, std::size_t length) {
    if (state_ == State::kClosed) return;
    if (state_ == State::kLingering) {
      if (ec) {
        close();
      } else {
        read_more();
      }
      return;
    }
    if (ec) {
      close();  // EOF or reset: nothing to answer
      return;
    }
    pending_begin_ = 0;
    pending_end_ = length;
    parse_pending();
  }

  void parse_pending() {
    const char* data = buffer_.get() + pending_begin_;
    const std::size_t length = pending_end_ - pending_begin_;
    const std::size_t parsed = http_parser_execute(&parser_, &settings(), data, length);
    pending_begin_ += parsed;
    const auto error = HTTP_PARSER_ERRNO(&parser_);

    if (rejection_) {
      respond_with_rejection(*rejection_);
      return;
    }
    if (error != HPE_OK && error != HPE_PAUSED) {
      respond_with_rejection(error == HPE_HEADER_OVERFLOW ? Rejection::kHeadersTooLarge
                                                          : Rejection::kMalformedRequest);
      return;
    }
    if (message_complete_) {
      dispatch();
      return;
    }
    pending_begin_ = pending_end_ = 0;
    read_more();
  }

  void begin_request() {
    state_ = State::kReadingHeaders;
    arm_timer(shared_.options.header_timeout);
  }

  // ---- http_parser callbacks ---------------------------------------------------------------

  static Connection& of(http_parser* parser) { return *static_cast<Connection*>(parser->data); }

  static const http_parser_settings& settings() {
    static const http_parser_settings instance = [] {
      http_parser_settings s{};
      s.on_message_begin = &Connection::on_message_begin;
      s.on_url = &Connection::on_url;
      s.on_header_field = &Connection::on_header_field;
      s.on_header_value = &Connection::on_header_value;
      s.on_headers_complete = &Connection::on_headers_complete;
      s.on_body = &Connection::on_body;
      s.on_message_complete = &Connection::on_message_complete;
      return s;
    }();
    return instance;
  }

  static int on_message_begin(http_parser* parser) {
    auto& self = of(parser);
    self.reset_request();
    self.header_bytes_ = 0;
    self.last_callback_was_value_ = false;
    self.message_complete_ = false;
    if (self.state_ == State::kIdle) self.begin_request();
    return 0;
  }

  // Clears the previous request but keeps small buffers: most requests need the same again.
  void reset_request() {
    constexpr std::size_t kKeptBodyCapacity = 64 * 1024;
    request_.method.clear();
    request_.target.clear();
    request_.path.clear();
    request_.query.clear();
    request_.headers.clear();
    if (request_.body.capacity() > kKeptBodyCapacity) {
      std::string().swap(request_.body);
    } else {
      request_.body.clear();
    }
    request_.remote_address = remote_address_;
    request_.keep_alive = true;
  }

  bool count_header_bytes(std::size_t length) {
    header_bytes_ += length;
    if (header_bytes_ > shared_.options.max_header_bytes) {
      rejection_ = Rejection::kHeadersTooLarge;
      return false;
    }
    return true;
  }

  static int on_url(http_parser* parser, const char* at, std::size_t length) {
    auto& self = of(parser);
    if (!self.count_header_bytes(length)) return -1;
    self.request_.target.append(at, length);
    return 0;
  }

  static int on_header_field(http_parser* parser, const char* at, std::size_t length) {
    auto& self = of(parser);
    if (!self.count_header_bytes(length)) return -1;
    if (self.request_.headers.empty() || self.last_callback_was_value_) {
      self.request_.headers.push_back({});
    }
    auto& name = self.request_.headers.back().name;
    for (std::size_t i = 0; i < length; ++i) {
      name.push_back(core::to_lower_ascii(at[i]));
    }
    self.last_callback_was_value_ = false;
    return 0;
  }

  static int on_header_value(http_parser* parser, const char* at, std::size_t length) {
    auto& self = of(parser);
    if (!self.count_header_bytes(length)) return -1;
    if (self.request_.headers.empty()) return -1;
    self.request_.headers.back().value.append(at, length);
    self.last_callback_was_value_ = true;
    return 0;
  }

  static int on_headers_complete(http_parser* parser) {
    auto& self = of(parser);
    auto& request = self.request_;
    request.method = http_method_str(static_cast<http_method>(parser->method));
    request.keep_alive = http_should_keep_alive(parser) != 0;

    http_parser_url url{};
    http_parser_url_init(&url);
    if (http_parser_parse_url(request.target.data(), request.target.size(), 0, &url) != 0) {
      self.rejection_ = Rejection::kMalformedRequest;
      return -1;
    }
    const auto field = [&](int which) -> std::string_view {
      if ((url.field_set & (1 << which)) == 0) return {};
      return std::string_view(request.target).substr(url.field_data[which].off, url.field_data[which].len);
    };
    auto path = percent_decode(field(UF_PATH), false);
    if (!path) {
      self.rejection_ = Rejection::kMalformedRequest;
      return -1;
    }
    request.path = path->empty() ? "/" : std::move(*path);
    request.query = field(UF_QUERY);

    const std::uint64_t limit = self.shared_.options.max_body_bytes;
    // content_length is ULLONG_MAX when absent (chunked or no body).
    if (parser->content_length != ULLONG_MAX && parser->content_length > limit) {
      self.rejection_ = Rejection::kBodyTooLarge;
      return -1;
    }
    if (parser->content_length != ULLONG_MAX && parser->content_length > 0) {
      request.body.reserve(static_cast<std::size_t>(parser->content_length) + kBodyPadding);
    }
    if (const auto expect = request.header("expect"); expect && core::equals_ignoring_ascii_case(*expect, "100-continue")) {
      // The client waits for this before sending its body; a short blocking write is fine.
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::error_code ec;
      asio::write(self.socket_, asio::buffer(kContinue.data(), kContinue.size()), ec);
    }
    self.state_ = State::kReadingBody;
    self.arm_timer(self.shared_.options.body_timeout);
    return 0;
  }

  static int on_body(http_parser* parser, const char* at, std::size_t length) {
    auto& self = of(parser);
    auto& body = self.request_.body;
    if (body.size() + length > self.shared_.options.max_body_bytes) {
      self.rejection_ = Rejection::kBodyTooLarge;
      return -1;
    }
    if (body.capacity() < body.size() + length + kBodyPadding) {
      body.reserve(std::max(body.capacity() * 2, body.size() + length + kBodyPadding));
    }
    body.append(at, length);
    return 0;
  }

  static int on_message_complete(http_parser* parser) {
    auto& self = of(parser);
    self.message_complete_ = true;
    // Stop here: the rest of the buffer (a pipelined request) waits until this one is answered.
    http_parser_pause(parser, 1);
    return 0;
  }

  // ---- answering -------------------------------------------------------------------------

  void dispatch() {
    state_ = State::kHandling;
    cancel_timer();
    if (!request_.body.empty() && request_.body.capacity() < request_.body.size() + kBodyPadding) {
      request_.body.reserve(request_.body.size() + kBodyPadding);
    }
    Response response = shared_.handler.handle(request_);
    const bool keep_alive = request_.keep_alive && !close_after_response_ && !shared_.draining.load();
    write(std::move(response), keep_alive, request_.method == "HEAD", /*linger=*/false);
  }

  void respond_with_rejection(Rejection rejection) {
    state_ = State::kHandling;
    cancel_timer();
    Response response = shared_.handler.reject(rejection, request_);
    // The rest of the request is unread: the connection cannot be reused.
    write(std::move(response), /*keep_alive=*/false, /*head_only=*/false, /*linger=*/true);
  }

  void write(Response response, bool keep_alive, bool head_only, bool linger) {
    state_ = State::kWriting;
    response_ = std::move(response);
    head_ = serialize_head(response_, keep_alive);
    arm_timer(shared_.options.write_timeout);
    // The buffer sequence must outlive the operation, which may take several writes.
    write_buffers_ = {asio::buffer(head_), asio::buffer(response_.body)};
    const std::size_t count = head_only ? 1 : 2;
    asio::async_write(socket_, std::span(write_buffers_.data(), count),
                      [self = shared_from_this(), keep_alive, linger](const asio::error_code& ec, std::size_t) {
                        self->on_written(ec, keep_alive, linger);
                      });
  }

  void on_written(const asio::error_code& ec, bool keep_alive, bool linger) {
    if (state_ == State::kClosed) return;
    response_ = Response{};
    head_.clear();
    if (ec) {
      close();
      return;
    }
    if (linger) {
      start_lingering();
      return;
    }
    if (!keep_alive || close_after_response_ || shared_.draining.load()) {
      close();
      return;
    }
    message_complete_ = false;
    http_parser_pause(&parser_, 0);
    wait_for_request();
  }

  void start_lingering() {
    state_ = State::kLingering;
    asio::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    arm_timer(std::chrono::duration_cast<std::chrono::milliseconds>(kLingerTime));
    read_more();
  }

  // ---- timers and closing ----------------------------------------------------------------

  // Deadlines are checked by the server's sweep (Server::Impl::sweep) a few times a second
  // rather than by a timer per connection: re-arming an Asio timer at every step of every
  // request cost throughput and, above all, tail latency.
  void arm_timer(std::chrono::milliseconds duration) {
    deadline_.store((Clock::now() + duration).time_since_epoch().count(), std::memory_order_relaxed);
  }
  void cancel_timer() { deadline_.store(kNoDeadline, std::memory_order_relaxed); }

 public:
  /// Read by the sweep from any thread.
  [[nodiscard]] bool deadline_passed(Clock::time_point now) const noexcept {
    return now.time_since_epoch().count() >= deadline_.load(std::memory_order_relaxed);
  }
  /// Acts on a deadline that has passed; runs on the connection's strand.
  void check_deadline() {
    if (deadline_passed(Clock::now())) {
      cancel_timer();
      on_timeout();
    }
  }

 private:
  static constexpr Clock::rep kNoDeadline = std::numeric_limits<Clock::rep>::max();
  void on_timeout() {
    switch (state_) {
      case State::kReadingHeaders:
      case State::kReadingBody:
        // A client too slow to send its request gets told so, once.
        respond_with_rejection(Rejection::kTimeout);
        break;
      case State::kHandling:
        break;
      case State::kIdle:
      case State::kWriting:
      case State::kLingering:
      case State::kClosed:
        close();
        break;
    }
  }

  void close() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    cancel_timer();
    asio::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  tcp::socket socket_;
  Shared& shared_;
  std::atomic<Clock::rep> deadline_{kNoDeadline};
  std::unique_ptr<char[]> buffer_;
  std::size_t pending_begin_ = 0;  // unparsed bytes of buffer_: [pending_begin_, pending_end_)
  std::size_t pending_end_ = 0;
  bool reading_ = false;
  http_parser parser_{};
  State state_ = State::kIdle;
  std::string remote_address_;
  Request request_;
  std::size_t header_bytes_ = 0;
  bool last_callback_was_value_ = false;
  bool message_complete_ = false;
  bool close_after_response_ = false;
  std::optional<Rejection> rejection_;
  Response response_;
  std::string head_;
  std::array<asio::const_buffer, 2> write_buffers_;
};

/// How often the server checks the connections' deadlines; timeouts fire up to this late.
constexpr auto kSweepInterval = std::chrono::milliseconds(100);

}  // namespace

struct Server::Impl {
  explicit Impl(ServerOptions options, RequestHandler& handler) : shared(std::move(options), handler) {}

  Shared shared;
  std::optional<tcp::acceptor> acceptor;  // on its own strand
  std::optional<asio::steady_timer> sweep_timer;
  std::optional<asio::steady_timer> trim_timer;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::vector<std::thread> threads;
  std::uint16_t bound_port = 0;
  bool running = false;

  void accept_next() {
    acceptor->async_accept(asio::make_strand(shared.io), [this](const asio::error_code& ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
      if (ec) {
        // Out of file descriptors and the like: try again shortly instead of spinning.
        auto timer = std::make_shared<asio::steady_timer>(acceptor->get_executor(), std::chrono::milliseconds(50));
        timer->async_wait([this, timer](const asio::error_code& wait_ec) {
          if (!wait_ec && acceptor->is_open()) accept_next();
        });
        return;
      }
      if (shared.open_connections.load(std::memory_order_relaxed) >= shared.options.max_connections) {
        asio::error_code ignored;
        socket.close(ignored);
      } else {
        auto connection = std::make_shared<Connection>(std::move(socket), shared);
        connection->post([connection] { connection->start(); });
      }
      accept_next();
    });
  }

  // Runs `task` on the strand of each live connection matching `wanted`. The references are
  // taken under the registry lock but dropped only after it is released: the last reference's
  // destructor erases the connection from the registry under that same lock (holding it here
  // deadlocked the sweeper when a connection closed at that moment).
  template <class Wanted, class Task>
  void for_each_connection(Wanted wanted, Task task) {
    std::vector<std::shared_ptr<Connection>> alive;
    {
      const std::lock_guard lock(shared.registry_mutex);
      alive.reserve(shared.registry.size());
      for (const auto& [raw, weak] : shared.registry) {
        if (auto connection = weak.lock()) alive.push_back(std::move(connection));
      }
    }
    for (auto& connection : alive) {
      if (wanted(*connection)) connection->post([connection, task] { task(*connection); });
    }
  }

  void sweep() {
    sweep_timer->expires_after(kSweepInterval);
    sweep_timer->async_wait([this](const asio::error_code& ec) {
      if (ec) return;
      const auto now = Clock::now();
      for_each_connection([now](const Connection& c) { return c.deadline_passed(now); },
                          [](Connection& c) { c.check_deadline(); });
      sweep();
    });
  }

  void schedule_memory_trim() {
    trim_timer->expires_after(shared.options.memory_trim_interval);
    trim_timer->async_wait([this](const asio::error_code& ec) {
      if (ec) return;
      malloc_trim(0);
      schedule_memory_trim();
    });
  }
};

Server::Server(ServerOptions options, RequestHandler& handler)
    : impl_(std::make_unique<Impl>(std::move(options), handler)) {}

Server::~Server() {
  if (impl_->running) {
    impl_->shared.options.shutdown_timeout = std::chrono::milliseconds(0);
    shutdown();
  }
}

core::Result<void> Server::start() {
  auto& impl = *impl_;
  auto& options = impl.shared.options;
  asio::error_code ec;
  const auto address = asio::ip::make_address(options.host, ec);
  if (ec) {
    return core::fail(core::ErrorCode::kInvalidArgument, "HOST: '" + options.host + "' is not an IP address");
  }
  const tcp::endpoint endpoint(address, options.port);
  tcp::acceptor acceptor(asio::make_strand(impl.shared.io));
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return core::fail(core::ErrorCode::kUnavailable, "cannot listen on " + options.host + ":" +
                                                         std::to_string(options.port) + ": " + ec.message());
  }
  impl.bound_port = acceptor.local_endpoint().port();
  impl.acceptor.emplace(std::move(acceptor));
  impl.accept_next();
  impl.sweep_timer.emplace(impl.shared.io);
  impl.sweep();
  if (options.memory_trim_interval.count() > 0) {
    impl.trim_timer.emplace(impl.shared.io);
    impl.schedule_memory_trim();
  }
  impl.keep_running.emplace(impl.shared.io.get_executor());
  const std::size_t threads = std::max<std::size_t>(1, options.threads);
  for (std::size_t i = 0; i < threads; ++i) {
    impl.threads.emplace_back([&impl] { impl.shared.io.run(); });
  }
  impl.running = true;
  return {};
}

std::uint16_t Server::port() const noexcept { return impl_->bound_port; }

std::size_t Server::open_connections() const noexcept {
  return impl_->shared.open_connections.load(std::memory_order_relaxed);
}

std::size_t Server::shutdown() {
  auto& impl = *impl_;
  if (!impl.running) return 0;
  impl.running = false;

  impl.shared.draining.store(true);
  asio::post(impl.acceptor->get_executor(), [&impl] {
    asio::error_code ignored;
    impl.acceptor->close(ignored);
  });
  impl.for_each_connection([](const Connection&) { return true; }, [](Connection& c) { c.drain(); });

  const auto deadline = Clock::now() + impl.shared.options.shutdown_timeout;
  while (impl.shared.open_connections.load() > 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const std::size_t cut = impl.shared.open_connections.load();

  impl.keep_running.reset();
  impl.shared.io.stop();
  for (auto& thread : impl.threads) thread.join();
  impl.threads.clear();
  impl.acceptor.reset();
  impl.sweep_timer.reset();
  impl.trim_timer.reset();
  return cut;
}

}  // namespace finml::http

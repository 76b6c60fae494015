#pragma once
// A small blocking HTTP/1.1 client over a loopback socket, for tests that drive the real
// finml binary: it sends exactly the bytes a test asks for and parses what comes back.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finml::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  [[nodiscard]] std::string header(const std::string& lower_name) const {
    const auto found = headers.find(lower_name);
    return found == headers.end() ? std::string{} : found->second;
  }
};

class HttpConnection {
 public:
  /// Connects to 127.0.0.1:port; throws std::runtime_error when it cannot.
  explicit HttpConnection(std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  /// Sends raw bytes; false when the peer has gone.
  bool send_raw(std::string_view bytes);
  /// Reads one response (status line, headers, Content-Length body); nullopt on EOF/timeout.
  std::optional<HttpResponse> read_response();
  /// True when the server closed the connection (a read returns EOF within the timeout).
  bool closed_by_peer(std::chrono::milliseconds wait);

  /// Sends a request with Content-Length and reads its response.
  std::optional<HttpResponse> request(std::string_view method, std::string_view target,
                                      std::string_view body = {},
                                      const std::map<std::string, std::string>& headers = {});

 private:
  bool fill();
  int fd_ = -1;
  std::string buffer_;
};

/// One request on a new connection.
std::optional<HttpResponse> http_request(std::uint16_t port, std::string_view method, std::string_view target,
                                         std::string_view body = {},
                                         const std::map<std::string, std::string>& headers = {});

/// Each body sent as `method` to `target` at the same time, one connection each; the statuses
/// in the bodies' order (0 for no answer). For tests of concurrent writes.
std::vector<int> statuses_at_once(std::uint16_t port, std::string_view method, const std::string& target,
                                  const std::vector<std::string>& bodies,
                                  const std::map<std::string, std::string>& headers);

/// A port that was free a moment ago.
std::uint16_t free_port();

}  // namespace finml::testing

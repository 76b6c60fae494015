// finml's HTTP transport answering GET /health with a constant body: the transport alone, for
// comparison with RESTinio (transport_restinio). Usage: transport_finml PORT THREADS
#include <csignal>
#include <iostream>
#include <string>

#include <finml/http/server.hpp>

namespace {

constexpr std::string_view kBody = R"({"status":"healthy","version":"0.1.0","environment":"development"})";

class ConstantHandler final : public finml::http::RequestHandler {
 public:
  finml::http::Response handle(finml::http::Request&) override {
    finml::http::Response response;
    response.body = kBody;
    return response;
  }
  finml::http::Response reject(finml::http::Rejection, const finml::http::Request&) override {
    finml::http::Response response;
    response.status = 400;
    return response;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: transport_finml PORT THREADS [MEMORY_TRIM_MS]\n";
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ConstantHandler handler;
  finml::http::Server server({.host = "127.0.0.1",
                              .port = static_cast<std::uint16_t>(std::stoi(argv[1])),
                              .threads = static_cast<std::size_t>(std::stoi(argv[2])),
                              .memory_trim_interval = std::chrono::milliseconds(argc == 4 ? std::stoi(argv[3]) : 1000)},
                             handler);
  if (!server.start()) return 1;
  int received = 0;
  sigwait(&signals, &received);
  server.shutdown();
  return 0;
}

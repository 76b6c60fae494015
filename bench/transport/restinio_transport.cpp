// RESTinio 0.6 answering GET /health with the same constant body as transport_finml, set up
// as in ../shared/reference/cpp-stack.md (thread pool, keep-alive). Usage: transport_restinio PORT THREADS
#include <restinio/all.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: transport_restinio PORT THREADS\n";
    return 2;
  }
  const std::string body = R"({"status":"healthy","version":"0.1.0","environment":"development"})";
  restinio::run(restinio::on_thread_pool(static_cast<std::size_t>(std::stoi(argv[2])))
                    .port(static_cast<std::uint16_t>(std::stoi(argv[1])))
                    .address("127.0.0.1")
                    .max_pipelined_requests(16)
                    .request_handler([&body](auto request) {
                      return request->create_response()
                          .append_header(restinio::http_field::content_type, "application/json")
                          .set_body(body)
                          .done();
                    }));
  return 0;
}

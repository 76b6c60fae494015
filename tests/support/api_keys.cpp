#include "support/api_keys.hpp"

#include <chrono>
#include <regex>
#include <stdexcept>

namespace finml::testing {

CommandResult run_keys_command(const FinmlServer& server, const std::vector<std::string>& arguments) {
  std::vector<std::string> command = {"keys"};
  command.insert(command.end(), arguments.begin(), arguments.end());
  // The empty env file keeps a developer's ./.env out, as FinmlServer does.
  command.insert(command.end(), {"--env-file", server.directory() + "/none.env"});
  ChildProcess process(finml_binary(), command,
                       {{"DATABASE_URL", "sqlite:///" + server.directory() + "/finml.db"}}, server.directory());
  const auto status = process.wait(std::chrono::seconds(30));
  if (!status) throw std::runtime_error("finml keys did not finish");
  return {*status, process.stdout_text(), process.stderr_text()};
}

CreatedKey create_api_key(const FinmlServer& server, const std::vector<std::string>& arguments) {
  std::vector<std::string> command = {"create"};
  command.insert(command.end(), arguments.begin(), arguments.end());
  const CommandResult result = run_keys_command(server, command);
  static const std::regex kCreated(R"re("id":"([^"]+)","key":"([^"]+)")re");
  std::smatch match;
  if (result.exit_code != 0 || !std::regex_search(result.out, match, kCreated)) {
    throw std::runtime_error("finml keys create failed (" + std::to_string(result.exit_code) + "): " + result.out +
                             result.err);
  }
  return {match[1].str(), match[2].str()};
}

}  // namespace finml::testing

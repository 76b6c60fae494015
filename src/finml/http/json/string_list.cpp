#include <finml/http/json/string_list.hpp>

#include <finml/http/json/reader.hpp>

namespace finml::http::json {

core::Result<std::vector<std::string>> read_string_array(std::string_view text) {
  const std::string body(text);
  auto read = decode<std::vector<std::string>>(body, [](Value& root) {
    std::vector<std::string> items;
    root.for_each_element([&](std::size_t, Value& element) {
      if (auto item = element.string()) items.push_back(std::move(*item));
    });
    return items;
  });
  if (!read) {
    return core::fail(core::ErrorCode::kInvalidArgument, "must be a JSON array of strings");
  }
  return read;
}

}  // namespace finml::http::json

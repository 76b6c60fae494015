#include <finml/http/json/category_json.hpp>

#include <finml/http/json/reader.hpp>
#include <finml/http/json/writer.hpp>

namespace finml::http::json {

namespace categories = analytics::categories;

core::Result<std::vector<std::pair<std::string, std::string>>> read_category_overrides(const std::string& body) {
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  return decode<Pairs>(body, [](Value& root) {
    Pairs pairs;
    read_object(root, {"overrides"}, [&](std::string_view key, Value& field) {
      if (key != "overrides") {
        field.skip();
        return;
      }
      if (field.kind() == Value::Kind::kArray && field.array_size() > kMaxCategoryOverrides) {
        field.problem("must hold at most " + std::to_string(kMaxCategoryOverrides) + " overrides");
        field.skip();
        return;
      }
      field.for_each_element([&](std::size_t, Value& element) {
        std::optional<std::string> match;
        std::optional<std::string> category;
        read_object(element, {"match", "category"}, [&](std::string_view name, Value& member) {
          if (name == "match") {
            match = member.string();
          } else if (name == "category") {
            category = member.string();
          } else {
            member.skip();
          }
        });
        if (match && category) pairs.emplace_back(std::move(*match), std::move(*category));
      });
    });
    return pairs;
  });
}

std::string write_category_overrides(core::UserId user, const std::vector<service::CategoryOverrideView>& overrides) {
  Writer writer;
  writer.begin_object();
  writer.field("user_id", user.value());
  writer.field("count", static_cast<std::int64_t>(overrides.size()));
  writer.key("overrides").begin_array();
  for (const auto& entry : overrides) {
    writer.begin_object();
    writer.field("match", entry.match);
    writer.field("category", entry.category->detailed);
    writer.field("primary", entry.category->primary);
    writer.field("group", categories::to_string(entry.category->group));
    writer.end_object();
  }
  writer.end_array();
  writer.end_object();
  return writer.take();
}

std::string write_category_taxonomy() {
  const auto taxonomy = categories::taxonomy();
  Writer writer;
  writer.begin_object();
  writer.field("count", static_cast<std::int64_t>(taxonomy.size()));
  writer.key("groups").begin_array();
  for (const auto group : {categories::Group::kNeeds, categories::Group::kWants, categories::Group::kSavings,
                           categories::Group::kIncome, categories::Group::kTransfer}) {
    writer.string(categories::to_string(group));
  }
  writer.end_array();
  writer.key("categories").begin_array();
  for (const auto& category : taxonomy) {
    writer.begin_object();
    writer.field("detailed", category.detailed);
    writer.field("primary", category.primary);
    writer.field("group", categories::to_string(category.group));
    writer.field("general", category.general);
    writer.end_object();
  }
  writer.end_array();
  writer.end_object();
  return writer.take();
}

}  // namespace finml::http::json

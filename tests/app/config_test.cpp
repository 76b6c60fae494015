#include <finml/app/config.hpp>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace finml::app {
namespace {

TEST(ConfigTest, DefaultsServeOnLoopbackWithSqlite) {
  const auto config = load_config({.flags = {}, .environment = {}, .dotenv = {}, .hardware_threads = 2});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->host, "127.0.0.1");
  EXPECT_EQ(config->port, 8000);
  EXPECT_EQ(config->workers, 2u);
  EXPECT_EQ(config->db_pool_size, 3u);
  EXPECT_EQ(config->database_url, "sqlite:///finml.db");
  EXPECT_EQ(config->max_body_bytes, 10u * 1024 * 1024);
  EXPECT_EQ(config->environment, Environment::kDevelopment);
  EXPECT_FALSE(config->production());
}

TEST(ConfigTest, FlagsBeatEnvironmentWhichBeatsDotenv) {
  ConfigSources sources;
  sources.dotenv = {{"PORT", "7000"}, {"ENVIRONMENT", "staging"}, {"LOG_LEVEL", "error"}};
  sources.environment = {{"PORT", "7001"}, {"ENVIRONMENT", "production"}};
  sources.flags = {{"PORT", "7002"}};
  const auto config = load_config(sources);
  ASSERT_TRUE(config);
  EXPECT_EQ(config->port, 7002);
  EXPECT_EQ(config->environment, Environment::kProduction);
  EXPECT_EQ(config->log_level, http::LogLevel::kError);
}

TEST(ConfigTest, NamesEveryBadVariable) {
  ConfigSources sources;
  sources.environment = {{"PORT", "http"}, {"CACHE_ENABLED", "maybe"}, {"REDIS_PORT", "0"}};
  sources.flags = {{"WORKERS", "0"}};
  const auto config = load_config(sources);
  ASSERT_FALSE(config);
  const std::string& message = config.error().message;
  for (const char* variable : {"PORT:", "CACHE_ENABLED:", "REDIS_PORT:", "WORKERS:"}) {
    EXPECT_NE(message.find(variable), std::string::npos) << message;
  }
  EXPECT_NE(message.find("from --workers"), std::string::npos) << message;
  EXPECT_NE(message.find("from the environment"), std::string::npos) << message;
}

TEST(ConfigTest, ReadsTheOriginalsFormats) {
  ConfigSources sources;
  sources.environment = {{"CORS_ORIGINS", R"(["http://localhost:3000","http://localhost:8000"])"},
                         {"DEBUG", "True"},
                         {"HOST", "localhost"},
                         {"DATABASE_URL", "postgresql://user:pw@localhost:5432/finance"},
                         {"CACHE_TTL_SECONDS", "600"},
                         {"DEFAULT_CURRENCY", "usd"}};
  const auto config = load_config(sources);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->cors_origins, (std::vector<std::string>{"http://localhost:3000", "http://localhost:8000"}));
  EXPECT_TRUE(config->debug);
  EXPECT_EQ(config->log_level, http::LogLevel::kDebug);  // DEBUG lowers the default level
  EXPECT_EQ(config->host, "127.0.0.1");
  EXPECT_EQ(config->cache_ttl, std::chrono::seconds(600));
  EXPECT_EQ(config->default_currency.code(), "USD");

  sources.environment = {{"CORS_ORIGINS", "https://a.example, https://b.example"}};
  EXPECT_EQ(load_config(sources)->cors_origins, (std::vector<std::string>{"https://a.example", "https://b.example"}));
}

TEST(ConfigTest, ChecksRelationsBetweenSettings) {
  ConfigSources sources;
  sources.environment = {{"MIN_TRAINING_MONTHS", "30"}, {"MAX_TRAINING_MONTHS", "24"}};
  const auto config = load_config(sources);
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("MIN_TRAINING_MONTHS"), std::string::npos);
}

TEST(ConfigTest, ReadsDotenvFiles) {
  const auto values = parse_dotenv(
      "# comment\n\nexport HOST=0.0.0.0\nPORT = 9000  # inline\nDATABASE_URL=\"sqlite:///a b.db\"\n"
      "REDIS_PASSWORD='p#ss'\nLOG_FORMAT=text\r\n");
  ASSERT_TRUE(values) << values.error().message;
  EXPECT_EQ(values->at("HOST"), "0.0.0.0");
  EXPECT_EQ(values->at("PORT"), "9000");
  EXPECT_EQ(values->at("DATABASE_URL"), "sqlite:///a b.db");
  EXPECT_EQ(values->at("REDIS_PASSWORD"), "p#ss");
  EXPECT_EQ(values->at("LOG_FORMAT"), "text");
  const auto broken = parse_dotenv("HOST=1\nthis line has no equals\n");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("line 2"), std::string::npos);
}

TEST(ConfigTest, DocumentsEverySetting) {
  for (const auto& setting : settings()) {
    EXPECT_FALSE(setting.help.empty()) << setting.variable;
    EXPECT_TRUE(setting.flag.starts_with("--")) << setting.variable;
  }
  EXPECT_GE(settings().size(), 20u);
}

}  // namespace
}  // namespace finml::app

namespace finml::app {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(ConfigDocumentationTest, ReadmeAndEnvExampleNameEverySetting) {
  const std::string readme = read_text(std::string(FINML_SOURCE_DIR) + "/README.md");
  const std::string example = read_text(std::string(FINML_SOURCE_DIR) + "/.env.example");
  ASSERT_FALSE(readme.empty());
  ASSERT_FALSE(example.empty());
  for (const auto& setting : settings()) {
    const std::string variable(setting.variable);
    EXPECT_NE(readme.find("`" + variable + "`"), std::string::npos) << variable << " is not in README.md";
    EXPECT_NE(example.find(variable + "="), std::string::npos) << variable << " is not in .env.example";
  }
}

}  // namespace
}  // namespace finml::app

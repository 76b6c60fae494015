#include <finml/http/json/canonical_json.hpp>

#include <simdjson.h>
#include <sodium.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <cstddef>
#include <cstdint>
#include <vector>

#include <finml/core/text.hpp>

namespace finml::http::json {
namespace {

namespace ondemand = simdjson::ondemand;

// The canonical form is a byte string in which every value says its kind and every string
// its length, so that no two different documents share one: objects are '{' members '}' with
// members sorted by key, arrays '[' items ']', strings 's' + length + their unescaped bytes,
// numbers 'n' + length + their text as written, and 't', 'f', 'z' for true, false, null.
void append_sized(std::string& out, char kind, std::string_view bytes) {
  out += kind;
  const auto size = static_cast<std::uint32_t>(bytes.size());
  out.append(reinterpret_cast<const char*>(&size), sizeof size);
  out += bytes;
}

struct Member {
  std::string_view key;
  std::size_t begin;
  std::size_t end;
};

// With one malloc arena for every worker (docs/architecture.md, "Memory under load"), an
// allocation per object of a 10,000-transaction body made the workers queue on malloc's lock:
// the members of every object open at once share one stack, and reordering shares one buffer.
class Canonicaliser {
 public:
  Canonicaliser(std::string& out, std::vector<Member>& members, std::string& scratch)
      : out_(out), members_(members), scratch_(scratch) {}

  // Throws simdjson_error on malformed input.
  void value(ondemand::value value, std::optional<std::string>* user_id) {
    switch (value.type().value()) {
      case ondemand::json_type::object: object(value.get_object().value(), user_id); break;
      case ondemand::json_type::array: {
        out_ += '[';
        for (auto item : value.get_array()) this->value(item.value(), nullptr);
        out_ += ']';
        break;
      }
      case ondemand::json_type::string: append_sized(out_, 's', value.get_string().value()); break;
      case ondemand::json_type::number: {
        // Checked as a number first: raw_json_token alone would accept "1x".
        static_cast<void>(value.get_number().value());
        append_sized(out_, 'n', core::trim_right(value.raw_json_token()));
        break;
      }
      case ondemand::json_type::boolean: out_ += value.get_bool().value() ? 't' : 'f'; break;
      case ondemand::json_type::null:
        if (!value.is_null().value()) throw simdjson::simdjson_error(simdjson::N_ATOM_ERROR);
        out_ += 'z';
        break;
    }
  }

 private:
  void object(ondemand::object object, std::optional<std::string>* user_id) {
    out_ += '{';
    const std::size_t start = out_.size();
    const std::size_t first = members_.size();
    for (auto field : object) {
      const std::string_view key = field.unescaped_key().value();
      const std::size_t begin = out_.size();
      append_sized(out_, 's', key);
      const std::size_t value_begin = out_.size();
      value(field.value().value(), nullptr);
      members_.push_back({key, begin, out_.size()});
      if (user_id != nullptr && key == "user_id") {
        const char kind = out_[value_begin];
        const std::size_t text_begin = value_begin + 1 + sizeof(std::uint32_t);
        if (kind == 's' || kind == 'n') *user_id = out_.substr(text_begin, out_.size() - text_begin);
      }
    }
    const auto begin = members_.begin() + static_cast<std::ptrdiff_t>(first);
    const auto by_key = [](const Member& a, const Member& b) { return a.key < b.key; };
    if (!std::is_sorted(begin, members_.end(), by_key)) {
      // Insertion sort: objects have few members, it is stable (duplicate keys keep their
      // order) and it allocates nothing.
      for (auto i = begin + 1; i < members_.end(); ++i) {
        const Member moving = *i;
        auto j = i;
        for (; j > begin && by_key(moving, *(j - 1)); --j) *j = *(j - 1);
        *j = moving;
      }
      scratch_.clear();
      for (auto i = begin; i < members_.end(); ++i) scratch_.append(out_, i->begin, i->end - i->begin);
      out_.replace(start, std::string::npos, scratch_);
    }
    members_.resize(first);
    out_ += '}';
  }

  std::string& out_;
  std::vector<Member>& members_;
  std::string& scratch_;
};

}  // namespace

namespace {

constexpr char kHex[] = "0123456789abcdef";

template <std::size_t N>
std::string to_hex(const std::array<unsigned char, N>& digest) {
  std::string out(N * 2, '0');
  for (std::size_t i = 0; i < N; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xF];
  }
  return out;
}

// The canonical form of a heavy body is over a megabyte: BLAKE2b took half of a cache hit's
// time on it (bench/README.md), XXH3 a few percent. A collision needs the other body's exact
// bytes, and a body's answer depends on nothing else, so 128 bits of a fast hash suffice here;
// the key material around it (route, user, data version) still goes through BLAKE2b.
std::string fast_digest_hex(std::string_view bytes) {
  const XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, hash);
  std::array<unsigned char, sizeof canonical.digest> digest{};
  std::memcpy(digest.data(), canonical.digest, digest.size());
  return to_hex(digest);
}

}  // namespace

std::string digest_hex(std::string_view bytes) {
  std::array<unsigned char, 16> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  return to_hex(digest);
}

std::optional<BodyDigest> canonical_body_digest(const std::string& body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return BodyDigest{fast_digest_hex(""), std::nullopt};
  thread_local ondemand::parser parser;
  thread_local std::string canonical;
  thread_local std::vector<Member> members;
  thread_local std::string scratch;
  canonical.clear();
  canonical.reserve(body.size() + body.size() / 4);
  members.clear();
  BodyDigest result;
  try {
    simdjson::padded_string copy;
    ondemand::document document;
    if (body.capacity() >= body.size() + simdjson::SIMDJSON_PADDING) {
      document = parser.iterate(body.data(), body.size(), body.capacity()).value();
    } else {
      copy = simdjson::padded_string(body.data(), body.size());
      document = parser.iterate(copy).value();
    }
    const auto type = document.type().value();
    if (type != ondemand::json_type::object && type != ondemand::json_type::array) return std::nullopt;
    Canonicaliser(canonical, members, scratch).value(document.get_value().value(), &result.user_id);
    // Trailing tokens after the document ("{} x") leave the iterator in bounds.
    if (!document.current_location().error()) return std::nullopt;
  } catch (const simdjson::simdjson_error&) {
    return std::nullopt;
  }
  result.digest = fast_digest_hex(canonical);
  // Kept per worker for the next body, up to a few megabytes: a 10 MB body's is handed back.
  if (canonical.capacity() > (std::size_t{4} << 20)) std::string().swap(canonical);
  return result;
}

}  // namespace finml::http::json

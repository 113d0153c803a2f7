// Building libpq's connection keywords from a postgresql:// URL, with the
// password kept out of every message.
#include "driver/postgresql/pg_connect_options.hpp"

#include <quarry/error.hpp>

#include <libpq-fe.h>

#include <cstdlib>
#include <string_view>

namespace quarry::detail {

namespace {

/// The password as written in the URL's user-info ("user:secret@host"),
/// or "" when there is none.
std::string_view written_password(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const std::size_t begin = scheme_end + 3;
  const std::size_t end = std::min(url.find_first_of("/?#", begin), url.size());
  const std::string_view authority = url.substr(begin, end - begin);
  const std::size_t at = authority.rfind('@');
  const std::size_t colon = authority.find(':');
  if (at == std::string_view::npos || colon == std::string_view::npos || colon > at) return {};
  return authority.substr(colon + 1, at - colon - 1);
}

void replace_all(std::string& s, std::string_view what, std::string_view with) {
  if (what.empty()) return;
  for (std::size_t i = s.find(what); i != std::string::npos; i = s.find(what, i + with.size())) {
    s.replace(i, what.size(), with);
  }
}

/// libpq quotes the whole URI in some of its messages: hide the password.
std::string scrub(std::string message, const DatabaseUrl& url) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  replace_all(message, url.driver_url, redact_database_url(url.driver_url));
  if (const std::string_view pw = written_password(url.driver_url); pw.size() >= 3) {
    replace_all(message, pw, "***");  // short ones would mangle the message more than they leak
  }
  return message;
}

[[noreturn]] void fail(const DatabaseUrl& url, const std::string& why) {
  throw UrlError("cannot read PostgreSQL URL \"" + redact_database_url(url.original) +
                 "\": " + why +
                 "; expected postgresql://user:password@host:port/dbname?keyword=value with "
                 "libpq's keywords (sslmode, connect_timeout, application_name, ...)");
}

/// Each entry of a port list ("5432" or "5432,5433") is empty or 1..65535.
void check_ports(const DatabaseUrl& url, std::string_view ports) {
  while (true) {
    const std::size_t comma = ports.find(',');
    const std::string_view port = ports.substr(0, comma);
    bool ok = port.size() <= 5;
    long n = 0;
    for (char c : port) {
      ok = ok && c >= '0' && c <= '9';
      if (ok) n = n * 10 + (c - '0');
    }
    if (!ok || (!port.empty() && (n < 1 || n > 65535))) {
      fail(url, "bad port \"" + std::string(port) + "\" (expected a number from 1 to 65535)");
    }
    if (comma == std::string_view::npos) return;
    ports.remove_prefix(comma + 1);
  }
}

}  // namespace

PgConnectOptions::PgConnectOptions(const DatabaseUrl& url) {
  if (url.scheme != "postgresql") {
    throw UsageError("PgConnection needs a postgresql:// URL, not \"" + url.scheme + "://\"");
  }
  char* error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(url.driver_url.c_str(), &error);
  if (parsed == nullptr) {
    const std::string why = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    fail(url, scrub(why, url));
  }
  try {
    for (const PQconninfoOption* o = parsed; o->keyword != nullptr; ++o) {
      if (o->val == nullptr) continue;
      if (std::string_view(o->keyword) == "port") check_ports(url, o->val);
      set(o->keyword, o->val);
    }
  } catch (...) {
    PQconninfoFree(parsed);
    throw;
  }
  PQconninfoFree(parsed);

  const auto given = [&](std::string_view keyword) {
    for (const std::string& k : keywords_) {
      if (k == keyword) return true;
    }
    return false;
  };
  if (!given("connect_timeout") && std::getenv("PGCONNECT_TIMEOUT") == nullptr) {
    set("connect_timeout", "10");
  }
  set("client_encoding", "UTF8");
  set("fallback_application_name", "quarry");

  for (std::size_t i = 0; i < keywords_.size(); ++i) {
    keyword_ptrs_.push_back(keywords_[i].c_str());
    value_ptrs_.push_back(values_[i].c_str());
  }
  keyword_ptrs_.push_back(nullptr);
  value_ptrs_.push_back(nullptr);
}

void PgConnectOptions::set(const std::string& keyword, const std::string& value) {
  for (std::size_t i = 0; i < keywords_.size(); ++i) {
    if (keywords_[i] == keyword) {
      values_[i] = value;
      return;
    }
  }
  keywords_.push_back(keyword);
  values_.push_back(value);
}

}  // namespace quarry::detail

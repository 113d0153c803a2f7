// Parsing of database URLs into DatabaseUrl. Every rejection is a UrlError
// that quotes the URL (with any password hidden) and shows a form that works.
#include <quarry/driver/url.hpp>

#include <quarry/error.hpp>

#include <algorithm>
#include <climits>

namespace quarry {

namespace {

constexpr std::string_view forms_hint =
    "expected sqlite:///relative/path.db, sqlite:////absolute/path.db, sqlite://:memory: "
    "or postgresql://user@host/dbname";

/// The URL as it may appear in a message: a password in the user-info part
/// ("user:secret@host") or in a `password=` query parameter (which libpq
/// accepts) is replaced by "***", since messages end up in logs.
std::string redact(std::string_view url) {
  std::string out(url);
  const std::size_t scheme_end = out.find("://");
  if (scheme_end == std::string::npos) return out;
  const std::size_t auth_begin = scheme_end + 3;
  const std::size_t auth_end = std::min(out.find_first_of("/?#", auth_begin), out.size());
  const std::string_view authority =
      std::string_view(out).substr(auth_begin, auth_end - auth_begin);
  const std::size_t at = authority.rfind('@');
  const std::size_t colon = authority.find(':');
  if (at != std::string_view::npos && colon != std::string_view::npos && colon < at) {
    out.replace(auth_begin + colon + 1, at - colon - 1, "***");
  }
  for (std::size_t q = out.find_first_of("?&", auth_begin); q != std::string::npos;
       q = out.find('&', q + 1)) {
    constexpr std::string_view key = "password=";
    if (std::string_view(out).substr(q + 1, key.size()) != key) continue;
    const std::size_t value = q + 1 + key.size();
    const std::size_t end = std::min(out.find_first_of("&#", value), out.size());
    out.replace(value, end - value, "***");
  }
  return out;
}

/// Throws `<what> in database URL "<url>": <hint>`.
[[noreturn]] void fail(std::string_view url, const std::string& what, std::string_view hint) {
  throw UrlError(what + " in database URL \"" + redact(url) + "\": " + std::string(hint));
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Decodes %XX escapes. A '%' not followed by two hex digits, or an escape
/// that decodes to NUL (which no file path can hold), is an error.
std::string percent_decode(std::string_view url, std::string_view s, std::string_view what) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    const int hi = i + 1 < s.size() ? hex_value(s[i + 1]) : -1;
    const int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      fail(url,
           "bad percent-escape \"" + std::string(s.substr(i, 3)) + "\" in the " + std::string(what),
           "expected % and two hexadecimal digits, like %20");
    }
    if (hi == 0 && lo == 0) {
      fail(url, "NUL byte (%00) in the " + std::string(what),
           "paths and parameters cannot hold one");
    }
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// pool_size, which Database reads: how many connections its pool may open.
void check_pool_size(std::string_view url, const std::string& value) {
  bool ok = !value.empty() && value.size() <= 5;
  long n = 0;
  for (char c : value) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) n = n * 10 + (c - '0');
  }
  if (!ok || n < 1 || n > 10000) {
    fail(url, "bad pool_size \"" + value + "\"", "expected a whole number from 1 to 10000");
  }
}

/// Checks one SQLite query parameter; the known keys and their values are
/// listed here and nowhere else.
void check_sqlite_parameter(std::string_view url, const std::string& key,
                            const std::string& value) {
  if (key == "mode") {
    if (value != "ro" && value != "rw" && value != "rwc") {
      fail(url, "bad mode \"" + value + "\"", "expected mode=ro, mode=rw or mode=rwc");
    }
  } else if (key == "busy_timeout") {
    bool ok = !value.empty() && value.size() <= 10;
    long long ms = 0;
    for (char c : value) {
      ok = ok && c >= '0' && c <= '9';
      if (ok) ms = ms * 10 + (c - '0');
    }
    if (!ok || ms > INT_MAX) {
      fail(url, "bad busy_timeout \"" + value + "\"",
           "expected a whole number of milliseconds, like busy_timeout=5000");
    }
  } else if (key == "foreign_keys") {
    if (value != "on" && value != "off") {
      fail(url, "bad foreign_keys \"" + value + "\"",
           "expected foreign_keys=on or foreign_keys=off");
    }
  } else if (key == "pool_size") {
    check_pool_size(url, value);
  } else {
    fail(url, "unknown query parameter \"" + key + "\"",
         "expected one of busy_timeout, foreign_keys, mode, pool_size");
  }
}

DatabaseUrl parse_sqlite(std::string_view url, std::string_view rest) {
  DatabaseUrl out;
  out.scheme = "sqlite";
  out.original = std::string(url);

  std::string_view location = rest;
  std::string_view query;
  if (const std::size_t q = rest.find('?'); q != std::string_view::npos) {
    location = rest.substr(0, q);
    query = rest.substr(q + 1);
  }

  // After "sqlite://" comes an (always empty) host, then "/" and the path:
  // so sqlite:///a.db is "a.db" and sqlite:////a.db is "/a.db".
  if (location.empty() || location == ":memory:" || location == "/:memory:") {
    out.path = ":memory:";
  } else if (location.front() != '/') {
    fail(url, "unexpected host \"" + std::string(location.substr(0, location.find('/'))) + "\"",
         "SQLite URLs have no host; use sqlite:///relative/path.db or sqlite:////absolute/path.db");
  } else if (location.size() == 1) {
    fail(url, "empty file path",
         "use sqlite:///path.db for a file or sqlite://:memory: for an in-memory database");
  } else {
    out.path = percent_decode(url, location.substr(1), "file path");
  }

  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (item.empty()) continue;  // "?a=1&&b=2" and a trailing '&' are harmless
    const std::size_t eq = item.find('=');
    const std::string key = percent_decode(url, item.substr(0, eq), "query");
    if (eq == std::string_view::npos) {
      if (key != "mode" && key != "busy_timeout" && key != "foreign_keys" && key != "pool_size") {
        check_sqlite_parameter(url, key, "");  // reports the unknown key
      }
      fail(url, "query parameter \"" + key + "\" without a value", "expected " + key + "=<value>");
    }
    const std::string value = percent_decode(url, item.substr(eq + 1), "query");
    check_sqlite_parameter(url, key, value);
    if (!out.query.emplace(key, value).second) {
      fail(url, "query parameter \"" + key + "\" given twice", "give each parameter once");
    }
  }
  return out;
}

/// quarry_statements, which PgConnection reads: "named" (frozen queries are
/// named prepared statements, the default) or "unnamed" (every statement is
/// parsed again, for PgBouncer's transaction pooling).
void check_statements_mode(std::string_view url, const std::string& value) {
  if (value != "named" && value != "unnamed") {
    fail(url, "bad quarry_statements \"" + value + "\"",
         "expected quarry_statements=named (the default) or quarry_statements=unnamed (behind "
         "PgBouncer's transaction pooling)");
  }
}

/// quarry_pipeline, which PgConnection reads: "batch_selects" (consecutive
/// query-builder SELECTs share a sync point, the default) or "sync_each"
/// (every statement has its own).
void check_pipeline_mode(std::string_view url, const std::string& value) {
  if (value != "batch_selects" && value != "sync_each") {
    fail(url, "bad quarry_pipeline \"" + value + "\"",
         "expected quarry_pipeline=batch_selects (the default) or quarry_pipeline=sync_each (a "
         "sync point after every statement, for SELECTs that call functions which write)");
  }
}

/// Takes Quarry's own parameters (pool_size, quarry_statements,
/// quarry_pipeline) out of a
/// PostgreSQL URL's query and leaves the rest, untouched, for libpq, which
/// knows its keywords and checks them when the connection opens.
DatabaseUrl parse_postgresql(std::string_view url) {
  DatabaseUrl out;
  out.scheme = "postgresql";
  out.original = std::string(url);

  const std::size_t q = url.find('?');
  if (q == std::string_view::npos) {
    out.driver_url = out.original;
    return out;
  }
  out.driver_url = std::string(url.substr(0, q));
  std::string_view query = url.substr(q + 1);
  char separator = '?';
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    const std::string key = percent_decode(url, item.substr(0, eq), "query");
    if (key != "pool_size" && key != "quarry_statements" && key != "quarry_pipeline") {
      out.driver_url += separator;
      out.driver_url += item;
      separator = '&';
      continue;
    }
    if (eq == std::string_view::npos) {
      fail(url, "query parameter \"" + key + "\" without a value", "expected " + key + "=<value>");
    }
    const std::string value = percent_decode(url, item.substr(eq + 1), "query");
    if (key == "pool_size") {
      check_pool_size(url, value);
    } else if (key == "quarry_statements") {
      check_statements_mode(url, value);
    } else {
      check_pipeline_mode(url, value);
    }
    if (!out.query.emplace(key, value).second) {
      fail(url, "query parameter \"" + key + "\" given twice", "give each parameter once");
    }
  }
  return out;
}

}  // namespace

namespace detail {
std::string redact_database_url(std::string_view url) {
  return redact(url);
}
}  // namespace detail

DatabaseUrl parse_database_url(std::string_view url) {
  if (url.empty()) throw UrlError("empty database URL: " + std::string(forms_hint));

  const std::size_t sep = url.find("://");
  const std::size_t colon = url.find(':');
  if (sep == std::string_view::npos || colon < sep) {
    // "sqlite:/x.db", "sqlite:x.db" or a bare path like "music.db".
    if (colon != std::string_view::npos && colon > 0) {
      throw UrlError("malformed database URL \"" + redact(url) + "\": the scheme \"" +
                     std::string(url.substr(0, colon)) + ":\" must be followed by \"//\"; " +
                     std::string(forms_hint));
    }
    throw UrlError("database URL \"" + redact(url) +
                   "\" has no scheme: " + std::string(forms_hint));
  }
  if (sep == 0) {
    throw UrlError("database URL \"" + redact(url) +
                   "\" has no scheme: " + std::string(forms_hint));
  }

  const std::string scheme = lower(url.substr(0, sep));  // schemes are case-insensitive
  const std::string_view rest = url.substr(sep + 3);
  if (scheme == "sqlite") return parse_sqlite(url, rest);
  if (scheme == "postgresql" || scheme == "postgres") return parse_postgresql(url);
  throw UrlError("unsupported database URL scheme \"" + std::string(url.substr(0, sep)) +
                 "\" in \"" + redact(url) + "\": expected sqlite:// or postgresql://");
}

}  // namespace quarry

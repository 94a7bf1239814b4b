// Count the elementary cycles of a directed graph read from a roundtrip-style
// relationships CSV, with Boost.Graph. Peer for bench/run.
//
// usage: boost_cycles FILE.csv [K]
//
//   FILE.csv  header row naming (at least) a `from` and a `to` column, then one
//             row per arc. Simple CSV only: no quoted field before the `to`
//             column (roundtrip-gen writes names like V17 or Company 17).
//             Every distinct name is a vertex.
//   K         optional bound: count only cycles of at most K arcs. 0 or absent
//             means no bound.
//
// Unbounded counts use boost::hawick_circuits (Hawick and James, 2008: a
// Johnson-style search). Boost 1.74, the version Debian 12 ships, has no
// length bound for hawick_circuits (it came in a later Boost), so bounded
// counts use boost::tiernan_all_cycles(g, vis, maxlen), whose maxlen is the
// number of vertices in the cycle, i.e. its number of arcs.
//
// hawick_circuits reports a cycle once per choice of parallel arcs;
// roundtrip-gen writes no parallel arcs, and this program drops duplicate rows
// anyway (--rich --rows R repeats each arc), so the graph is always simple.
// Self-loops are rejected (roundtrip has none either).
//
// Prints the count on stdout. Exit status 0 success, 64 usage, 65 bad data,
// 66 cannot open the file.

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/hawick_circuits.hpp>
#include <boost/graph/tiernan_all_cycles.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

typedef boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>
    Graph;

namespace boost {
// tiernan_all_cycles checks VertexIndexGraphConcept, which (in Boost 1.74)
// requires renumber_vertex_indices(g); adjacency_list does not declare one.
// With vecS vertex storage the indices are always 0..n-1, so a no-op is right.
inline void renumber_vertex_indices(Graph &) {}
} // namespace boost

// Both algorithms take the visitor by value (and Tiernan copies it again per
// start vertex), so the counter lives outside and the visitor points to it.
struct counting_visitor {
    std::uint64_t *count;
    template <typename Path, typename G>
    void cycle(const Path &, const G &) { ++*count; }
};

static std::vector<std::string> split_fields(std::string line)
{
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    std::vector<std::string> out;
    std::string::size_type start = 0;
    for (;;) {
        std::string::size_type comma = line.find(',', start);
        if (comma == std::string::npos) {
            out.push_back(line.substr(start));
            return out;
        }
        out.push_back(line.substr(start, comma - start));
        start = comma + 1;
    }
}

static std::string lower(std::string s)
{
    for (char &c : s)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return s;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: boost_cycles FILE.csv [K]\n");
        return 64;
    }
    unsigned long bound = 0;
    if (argc == 3) {
        char *end = nullptr;
        bound = std::strtoul(argv[2], &end, 10);
        if (*argv[2] == '\0' || *end != '\0') {
            std::fprintf(stderr, "boost_cycles: bad bound '%s'\n", argv[2]);
            return 64;
        }
    }

    std::ifstream in(argv[1]);
    if (!in) {
        std::fprintf(stderr, "boost_cycles: cannot open %s\n", argv[1]);
        return 66;
    }

    std::string line;
    if (!std::getline(in, line)) {
        std::fprintf(stderr, "boost_cycles: %s: empty file\n", argv[1]);
        return 65;
    }
    std::vector<std::string> header = split_fields(line);
    std::size_t from_col = header.size(), to_col = header.size();
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string h = lower(header[i]);
        if (h == "from")
            from_col = i;
        else if (h == "to")
            to_col = i;
    }
    if (from_col == header.size() || to_col == header.size()) {
        std::fprintf(stderr, "boost_cycles: %s: no from/to columns\n",
                     argv[1]);
        return 65;
    }

    std::unordered_map<std::string, std::size_t> index;
    std::vector<std::pair<std::size_t, std::size_t>> arcs;
    std::unordered_set<std::uint64_t> seen;
    std::size_t lineno = 1;
    auto vertex = [&index](const std::string &name) {
        auto it = index.emplace(name, index.size()).first;
        return it->second;
    };
    while (std::getline(in, line)) {
        ++lineno;
        if (line.empty() || line == "\r")
            continue;
        std::vector<std::string> f = split_fields(line);
        if (f.size() <= from_col || f.size() <= to_col) {
            std::fprintf(stderr, "boost_cycles: %s:%zu: short row\n", argv[1],
                         lineno);
            return 65;
        }
        std::size_t u = vertex(f[from_col]), v = vertex(f[to_col]);
        if (u == v) {
            std::fprintf(stderr, "boost_cycles: %s:%zu: self-loop\n", argv[1],
                         lineno);
            return 65;
        }
        if (seen.insert((std::uint64_t(u) << 32) | std::uint64_t(v)).second)
            arcs.emplace_back(u, v);
    }

    Graph g(arcs.begin(), arcs.end(), index.size());

    std::uint64_t count = 0;
    counting_visitor vis{&count};
    if (bound == 0)
        boost::hawick_circuits(g, vis);
    else
        boost::tiernan_all_cycles(g, vis, std::size_t(bound));
    std::printf("%llu\n", (unsigned long long)count);
    return 0;
}

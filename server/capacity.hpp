#pragma once
// Fitting the connection limits to what the process may open. Run once at start, before serving.
#include "config.hpp"

namespace elder::server {

// Raises the soft limit on open descriptors to the hard limit; returns the limit now in force.
int raise_descriptor_limit();

// Sets max_connections and max_streams that are 0 (automatic) from `descriptors`, and lowers any
// that would not fit, keeping descriptors for the database, logs and site files, and keeping
// room for requests beside the event streams. Returns a sentence for each value it lowered.
std::vector<std::string> fit_to_descriptors(Config& config, int descriptors);

}  // namespace elder::server

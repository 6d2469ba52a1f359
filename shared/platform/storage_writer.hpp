#pragma once
// Writes to storage without making the UI thread wait for the disk: natively a worker thread
// writes in order (storage_writer_native.cpp); in browsers localStorage is quick and
// single-threaded, so writes happen at once (storage_writer_web.cpp). A failed write (disk full,
// quota) is reported on stderr / the console and the app carries on with what it has in memory.
#include <memory>
#include <string>

#include "storage.hpp"

namespace elder {

class StorageWriter {
public:
    virtual ~StorageWriter() = default;  // natively, waits for queued writes to finish
    virtual void put(std::string key, std::string value) = 0;
    virtual void remove(std::string key) = 0;
};

// `storage` must outlive the writer.
std::unique_ptr<StorageWriter> make_storage_writer(Storage& storage);

}  // namespace elder

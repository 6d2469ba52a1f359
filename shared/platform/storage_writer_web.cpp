#include <cstdio>

#include "storage_writer.hpp"

namespace elder {
namespace {

class InlineWriter : public StorageWriter {
public:
    explicit InlineWriter(Storage& storage) : storage_(storage) {}
    void put(std::string key, std::string value) override {
        std::string error;
        if (!storage_.put(key, value, error)) std::fprintf(stderr, "elder: not saved: %s\n", error.c_str());
    }
    void remove(std::string key) override { storage_.remove(key); }

private:
    Storage& storage_;
};

}  // namespace

std::unique_ptr<StorageWriter> make_storage_writer(Storage& storage) { return std::make_unique<InlineWriter>(storage); }

}  // namespace elder

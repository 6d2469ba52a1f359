#pragma once
// What the app holds for the person in front of it: who is signed in, what they are typing, what
// they booked and asked for. A kiosk wipes all of it when a visitor leaves (Personal{}). A set-top
// box's own registration (DeviceAccount) belongs to the household and stays.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "data_state.hpp"
#include "models.hpp"
#include "screens.hpp"

namespace elder {

// A sentence for the resident: one of ours (an i18n key) or the server's own words, which win.
struct Message {
    std::string key, text;
    bool empty() const { return key.empty() && text.empty(); }
};

// The fields of the form on screen (sign-in, who is booking, a help request).
struct Form {
    std::map<std::string, std::string> fields;  // "phone", "code", "name", "id_number", "message"
    std::string active;  // the field the on-screen keypad types into
    Message error;       // under the form, in the warning colour; empty when all is well
    Message notice;      // news that is not an error (验证码已发送)
    bool busy = false;   // this form's request is on its way
};

struct Personal {
    std::string token, phone;  // a resident signed in with phone + code (browser, kiosk)
    Form form;
    Route after_sign_in;       // where signing in leads
    // What was typed when the sign-in expired, and whose it was: given back only to the same phone.
    std::string held_phone;
    std::map<std::string, std::string> held_fields;
    std::string booking_key;   // Idempotency-Key of the booking on the review page
    std::vector<Slot> alternatives;  // other times of the day, when the chosen one filled up
    std::vector<Appointment> appointments;  // mine, newest first
    Load appointments_load = Load::Idle;
    std::vector<HelpRequest> requests;      // mine, newest first
    Load requests_load = Load::Idle;
    Message list_error;        // why a list above could not be fetched
};

// A set-top box: registered with the server under its serial, bound by staff to a household.
struct DeviceAccount {
    std::string serial;  // from the configuration; "" when the box has none
    std::string enrolment_code;  // from the configuration: lets the server register the serial
    std::string token;
    std::int64_t id = 0;
    Load load = Load::Idle;
    bool bound = false;
    std::string household_name, household_phone;
    Message problem;      // why registration failed
};

// The chosen service's slots (which services can be booked is a resource: DataState::schedules).
struct Booking {
    std::int64_t slots_schedule = 0;  // whose slots `slots` holds
    std::vector<Slot> slots;          // the next 14 days
    Load slots_load = Load::Idle;
};

// The days the date page offers: today and the 13 after it.
constexpr int kBookingDays = 14;
// How long a cancelled appointment can be restored (撤销取消); the server decides in the end.
constexpr int kUndoMinutes = 10;

}  // namespace elder

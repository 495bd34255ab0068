/* Lexom blocks: collect the learner's answers, call the block's JSON handlers and show the HTML
 * they send back. Every word shown comes from the server, already translated. */
(function (global) {
  "use strict";

  function rootOf(element) {
    return element && element.jquery ? element[0] : element;
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function post(runtime, element, handler, payload) {
    return fetch(runtime.handlerUrl(element, handler), {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return {ok: response.ok, body: body};
      });
    });
  }

  function all(node, selector) {
    return Array.prototype.slice.call(node.querySelectorAll(selector));
  }

  function status(root, message) {
    all(root, ".lexom-status").forEach(function (node) { node.textContent = message || ""; });
  }

  function clearErrors(root) {
    all(root, ".lexom-error[role=alert]").forEach(function (node) {
      node.textContent = "";
      node.hidden = true;
    });
  }

  function showErrors(root, errors) {
    Object.keys(errors || {}).forEach(function (key) {
      var holder = root.querySelector(
        '[data-question-id="' + key + '"], [data-criterion-id="' + key + '"], [data-field="' + key + '"]'
      );
      var target = holder && holder.querySelector(".lexom-error");
      if (target) {
        target.textContent = errors[key];
        target.hidden = false;
      } else {
        status(root, errors[key]);
      }
    });
  }

  function answerOf(fieldset) {
    var checked = all(fieldset, "input:checked");
    switch (fieldset.getAttribute("data-widget")) {
      case "multiple_choice":
        return checked.map(function (input) { return input.value; });
      case "single_choice":
      case "true_false":
      case "likert":
        return checked.length ? checked[0].value : null;
      case "ordering":
        var order = all(fieldset, "select").map(function (select) { return select.value; });
        return order.some(function (value) { return !value; }) ? null : order;
      case "matching":
        var pairs = {};
        all(fieldset, "select").forEach(function (select) {
          if (select.value) { pairs[select.getAttribute("data-left")] = select.value; }
        });
        return pairs;
      default:
        var field = fieldset.querySelector("input, textarea");
        return field ? field.value : null;
    }
  }

  function responsesOf(form) {
    var responses = {};
    all(form, "fieldset[data-question-id]").forEach(function (fieldset) {
      var value = answerOf(fieldset);
      if (value !== null) { responses[fieldset.getAttribute("data-question-id")] = value; }
    });
    return {responses: responses};
  }

  function gridOf(form) {
    var levels = {};
    all(form, "fieldset[data-criterion-id]").forEach(function (fieldset) {
      var checked = fieldset.querySelector("input:checked");
      if (checked) { levels[fieldset.getAttribute("data-criterion-id")] = parseInt(checked.value, 10); }
    });
    var comment = form.querySelector("textarea[name=comment]");
    return {levels: levels, comment: comment ? comment.value : ""};
  }

  function settingsOf(form) {
    var values = {};
    all(form, "[name]").forEach(function (field) { values[field.name] = field.value; });
    return values;
  }

  /* Send a form or an action, then swap in the block's new HTML or show the errors. */
  function bind(runtime, element, payloads, onSaved) {
    var root = rootOf(element);
    function send(handler, payload, busy) {
      clearErrors(root);
      if (busy) { busy.disabled = true; }
      post(runtime, element, handler, payload).then(function (answer) {
        if (busy) { busy.disabled = false; }
        if (!answer.ok) {
          status(root, answer.body.error || String(answer.body));
          showErrors(root, answer.body.errors);
          return;
        }
        if (answer.body.html) {
          var block = root.querySelector(".lexom-block");
          block.outerHTML = answer.body.html;
        }
        if (onSaved) { onSaved(answer.body); }
      }).catch(function (error) {
        if (busy) { busy.disabled = false; }
        status(root, String(error));
      });
    }
    root.addEventListener("submit", function (event) {
      var form = event.target.closest("form[data-handler]");
      if (!form) { return; }
      event.preventDefault();
      var handler = form.getAttribute("data-handler");
      send(handler, payloads[handler](form), form.querySelector("button[type=submit]"));
    });
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) { return; }
      var action = button.getAttribute("data-action");
      if (action === "cancel") {
        if (runtime.notify) { runtime.notify("cancel", {}); }
        return;
      }
      send(action, {role: button.getAttribute("data-role")}, button);
    });
  }

  global.LexomQuizBlock = function (runtime, element) {
    bind(runtime, element, {submit: responsesOf});
  };

  global.LexomEvaluationBlock = function (runtime, element) {
    bind(runtime, element, {submit: responsesOf});
  };

  global.LexomRolePlayBlock = function (runtime, element) {
    bind(runtime, element, {submit_grid: gridOf});
  };

  global.LexomStudioEditor = function (runtime, element) {
    bind(runtime, element, {studio_submit: settingsOf}, function () {
      if (runtime.notify) { runtime.notify("save", {state: "end"}); }
    });
  };
})(window);

/* Passkeys for two-step sign-in: navigator.credentials.create / get, with the options and
   answers in base64url as the server (py_webauthn) expects. Each block is
   <div class="js-passkey" data-mode="register|verify" data-begin=URL data-finish=URL>. */
(function () {
  "use strict";

  function toBuffer(value) {
    var s = value.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }

  function toBase64url(buffer) {
    if (!buffer) return null;
    var bytes = new Uint8Array(buffer);
    var s = "";
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function post(url, token, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          throw new Error((data.error && data.error.message) || "Something went wrong. Try again.");
        }
        return data;
      });
    });
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      return Object.assign({}, d, { id: toBuffer(d.id) });
    });
  }

  function register(options) {
    options.challenge = toBuffer(options.challenge);
    options.user.id = toBuffer(options.user.id);
    options.excludeCredentials = descriptors(options.excludeCredentials);
    return navigator.credentials.create({ publicKey: options }).then(function (cred) {
      var r = cred.response;
      return {
        id: cred.id,
        rawId: toBase64url(cred.rawId),
        type: cred.type,
        authenticatorAttachment: cred.authenticatorAttachment || null,
        clientExtensionResults: cred.getClientExtensionResults(),
        response: {
          clientDataJSON: toBase64url(r.clientDataJSON),
          attestationObject: toBase64url(r.attestationObject),
          transports: r.getTransports ? r.getTransports() : [],
        },
      };
    });
  }

  function verify(options) {
    options.challenge = toBuffer(options.challenge);
    options.allowCredentials = descriptors(options.allowCredentials);
    return navigator.credentials.get({ publicKey: options }).then(function (cred) {
      var r = cred.response;
      return {
        id: cred.id,
        rawId: toBase64url(cred.rawId),
        type: cred.type,
        authenticatorAttachment: cred.authenticatorAttachment || null,
        clientExtensionResults: cred.getClientExtensionResults(),
        response: {
          clientDataJSON: toBase64url(r.clientDataJSON),
          authenticatorData: toBase64url(r.authenticatorData),
          signature: toBase64url(r.signature),
          userHandle: toBase64url(r.userHandle),
        },
      };
    });
  }

  function bind(block) {
    var button = block.querySelector(".js-passkey-start");
    var status = block.querySelector(".js-passkey-status");
    var token = block.querySelector("input[name=csrfmiddlewaretoken]").value;
    var mode = block.dataset.mode;
    block.classList.remove("hidden");
    button.addEventListener("click", function () {
      button.disabled = true;
      status.textContent = "Follow your browser's prompt…";
      post(block.dataset.begin, token)
        .then(mode === "register" ? register : verify)
        .then(function (credential) {
          var nameInput = block.querySelector(".js-passkey-name");
          return post(block.dataset.finish, token, {
            credential: credential,
            name: nameInput ? nameInput.value : "",
          });
        })
        .then(function (data) {
          status.textContent = "Done.";
          window.location.assign(data.redirect);
        })
        .catch(function (error) {
          button.disabled = false;
          status.textContent =
            error && error.name === "NotAllowedError"
              ? "The passkey prompt was closed or timed out. Try again."
              : (error && error.message) || "Something went wrong. Try again.";
        });
    });
  }

  function start() {
    if (!window.PublicKeyCredential || !navigator.credentials) return;
    document.querySelectorAll(".js-passkey-unsupported").forEach(function (el) {
      el.classList.add("hidden");
    });
    document.querySelectorAll(".js-passkey").forEach(bind);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

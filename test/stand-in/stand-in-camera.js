/*
 * stand-in-camera.js: a TEST-ONLY camera for the face-verify widget. Plain browser JavaScript with no
 * imports and no build step. It works both ways:
 *   - as a classic script:  page.addInitScript({ path: 'test/stand-in/stand-in-camera.js' }), then
 *                           page.addInitScript((o) => FaceVerifyStandIn.install(o), options);
 *   - as an ES module:      import '../../stand-in/stand-in-camera.js'; FaceVerifyStandIn.install(options);
 * Loading it twice is harmless (the second load keeps the first instance).
 *
 * It replaces navigator.mediaDevices.getUserMedia and enumerateDevices. Each getUserMedia({video})
 * returns a new MediaStream from a 640x480 <canvas>.captureStream(30). The track's label,
 * getSettings() and getCapabilities() are patched on the instance to read like a real webcam's;
 * track.stop() ends the track (readyState 'ended') and its drawing loop. It reads the widget only
 * through its rendered DOM, as a person looks at a screen: every frame it polls the first
 * <face-verify> element's open shadowRoot for [part~="flash"] (a colour is on the screen: its computed
 * background-color) and [part~="prompt"][data-action] (an action is asked for). Nothing in the widget
 * is hooked.
 *
 * Frames come from options.clip: an .mjpeg (concatenated JPEGs, split at SOI/EOI, each decoded with
 * createImageBitmap only when needed, a dozen kept) or a still image (one frame). options.segments is
 * one clip entry of eval/segments.json: { fps, neutral: [s, e], actions: { 'turn-left': [[s, e], ...] } }
 * in seconds of the clip.
 *
 * Modes (options.mode):
 *   cooperative      a live person: ping-pongs the neutral segment; when a prompt appears it reacts after
 *                    300-700 ms (seeded), plays that action's segment once at 1x, then goes back to neutral.
 *                    If the same prompt is still shown 1.5 s after the action ended, it tries again
 *                    (at most 3 tries per prompt), as a person does.
 *                    Reflects the screen colours (model below).
 *   photo            one frame (the first neutral frame, or the still image), reflections and noise on.
 *   replay           the clip in its natural order, looping; ignores prompts and colours.
 *   wrong-order      action segments in a random order every ~2 s on its own schedule; no reflection.
 *   puppet           follows the prompts like cooperative, without reflections.
 *   recorded-replay  replays options.recording (stats().recording of an earlier session) with its
 *                    timing and its recorded reflections, ignoring the new prompts and colours.
 *   two-faces        cooperative, plus a second face (the frame's centre, scaled to 60 %) at the side.
 *   no-face          cooperative behaviour on a clip without a face (e.g. fakecam/no_face.mjpeg).
 *
 * ---- Reflection and sensor model -------------------------------------------------------------
 * Skin is a diffuse reflector lit by the room and by the screen in front of it. Adding the screen's
 * light c (0..255 per channel) multiplies into the skin's own reflectance, which the recorded pixel
 * already carries, so the change is proportional to both:
 *       out_c = in_c + k * in_c * c / 255                                   (per channel)
 *   k = options.reflection.strength, default 0.12: a full-white screen a forearm away brightens a
 *       face by about 10-15 % on a laptop webcam in a lit room (more in the dark, less in daylight);
 *       black (and "no colour shown") adds nothing: the room light is already in the clip.
 *   It is applied inside a soft ellipse around the frame centre (full strength to 55 % of the radii
 *   0.42 W x 0.58 H, fading to none at the radii): the screen lights what is nearest to it, the face,
 *   and the fixtures keep the face near the centre.
 *   The colour used is the one on screen options.reflection.lagMs earlier (default 66 ms = two camera
 *   frames: exposure plus the sensor's readout and the driver's buffering). The screen is sampled
 *   once per drawn frame, so the effective lag is lagMs to lagMs + one frame.
 *   Computed with canvas compositing, not per-pixel JS (30 fps on 2 cores): an offscreen canvas is
 *   filled with the colour, the frame is drawn on it with 'multiply' (= in * c / 255), masked with
 *   the ellipse ('destination-in'), and added to the frame with 'lighter' at globalAlpha k. That
 *   canvas is half the frame's size, so the added light is slightly blurred (a 2x2 box): screen
 *   light on skin is smooth, and it saves a third of the cost. Measured on the 2-core test machine:
 *   about 1 ms of main-thread time a frame without a colour, 4-6 ms with one (stats().tickMeanMs).
 * Sensor noise: a real sensor never delivers the same frame twice. Every frame gets a global
 * brightness offset, uniform in +-options.reflection.noise levels (default 1.5, dithered between whole
 * levels), and a random sub-pixel translation of up to +-1 px in x and y (a hand or a desk is never
 * perfectly still). This applies in every mode (a screen or a photo filmed by a camera gets sensor
 * noise too); options.reflection.noise = 0 and options.jitterPx = 0 turn it off.
 * ---------------------------------------------------------------------------------------------
 *
 * Options: { clip, mode = 'cooperative', segments, label = 'Integrated Camera (stand-in)',
 *   seed (integer; random when absent), reflection: { strength = 0.12, lagMs = 66, noise = 1.5 },
 *   jitterPx = 1, reactionMs = [300, 700], retryAfterMs = 1500, crossfadeMs = 100,
 *   recording (for recorded-replay), wrongOrderEveryMs = 2000, speed = 1 (playback rate of the clip;
 *   tests that landmark every source frame use 0.5), log (function or true: console) }.
 * stats() returns counters and the timeline; stats().recording is the last stream's
 * { v, clip, fps, strength, frames: [[msSinceStreamStart, sourceFrameIndex, [r,g,b] | null], ...] }.
 */
(function () {
  'use strict';
  var G = typeof globalThis !== 'undefined' ? globalThis : self;
  if (G.FaceVerifyStandIn) return;

  var W = 640;
  var H = 480;
  var FPS = 30;
  /** The reflection is computed at half resolution (a quarter of the pixels): see the model above. */
  var RW = W / 2;
  var RH = H / 2;
  var FRAME_MS = 1000 / FPS;
  var CACHE_SIZE = 12;
  var MAX_RECORDING = 36000;
  var MODES = ['cooperative', 'photo', 'replay', 'wrong-order', 'puppet', 'recorded-replay', 'two-faces', 'no-face'];

  var nativeGetUserMedia = null;
  var nativeEnumerateDevices = null;
  var installed = null; // the current installation's state

  // ---- small helpers ----------------------------------------------------------------------------
  function mulberry32(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function hashString(s) {
    var h = 2166136261;
    for (var i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return (h >>> 0).toString(16).padStart(8, '0');
  }
  function clamp(v, lo, hi) {
    return v < lo ? lo : v > hi ? hi : v;
  }
  function now() {
    return performance.now();
  }
  function makeCanvas(w, h) {
    if (typeof document !== 'undefined' && document.createElement) {
      var c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      return c;
    }
    return new OffscreenCanvas(w, h);
  }
  function domError(name, message) {
    try {
      return new DOMException(message, name);
    } catch (e) {
      var err = new Error(message);
      err.name = name;
      return err;
    }
  }
  /** 'rgb(1, 2, 3)' / 'rgba(1, 2, 3, 0.5)' / 'color(srgb 0.1 0.2 0.3)' -> [r, g, b, a] or null. */
  function parseColour(text) {
    if (!text) return null;
    var m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(text.trim());
    if (m) {
      var a = m[4] === undefined ? 1 : m[4].slice(-1) === '%' ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
      return [+m[1], +m[2], +m[3], a];
    }
    m = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+))?\s*\)$/.exec(text.trim());
    if (m) return [m[1] * 255, m[2] * 255, m[3] * 255, m[4] === undefined ? 1 : +m[4]];
    return null;
  }

  // ---- the clip: split once, decode on demand -------------------------------------------------
  function splitMjpeg(bytes) {
    var frames = [];
    var n = bytes.length;
    var start = -1;
    for (var i = 0; i < n - 1; i++) {
      if (bytes[i] !== 0xff) continue;
      var b = bytes[i + 1];
      if (start < 0) {
        if (b === 0xd8) start = i;
      } else if (b === 0xd9 && (i + 2 >= n || (bytes[i + 2] === 0xff && bytes[i + 3] === 0xd8))) {
        frames.push([start, i + 2]);
        start = -1;
        i++;
      }
    }
    return frames;
  }

  function loadClip(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error('stand-in: ' + url + ' answered ' + response.status);
      return response.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      var parts;
      if (bytes[0] === 0xff && bytes[1] === 0xd8) {
        var ranges = splitMjpeg(bytes);
        if (ranges.length === 0) throw new Error('stand-in: no JPEG frame in ' + url);
        parts = ranges.map(function (r) {
          return new Blob([bytes.subarray(r[0], r[1])], { type: 'image/jpeg' });
        });
      } else {
        parts = [new Blob([bytes])];
      }
      return makeClip(url, parts);
    });
  }

  function makeClip(url, blobs) {
    var cache = new Map(); // index -> { promise, bitmap }
    var clip = {
      url: url,
      count: blobs.length,
      decodes: 0,
      /** Starts decoding frame i if it is not cached. */
      want: function (i) {
        i = clamp(i | 0, 0, blobs.length - 1);
        var entry = cache.get(i);
        if (entry) {
          cache.delete(i);
          cache.set(i, entry); // most recently used last
          return entry;
        }
        entry = { bitmap: null, promise: null, failed: false };
        entry.promise = createImageBitmap(blobs[i]).then(function (bmp) {
          entry.bitmap = bmp;
          clip.decodes++;
          return bmp;
        }, function (error) {
          entry.failed = true;
          throw error;
        });
        entry.promise.catch(function () {});
        cache.set(i, entry);
        clip.evict();
        return entry;
      },
      /** The decoded bitmap of frame i, or null when it is not ready yet. */
      ready: function (i) {
        var entry = cache.get(clamp(i | 0, 0, blobs.length - 1));
        return entry && entry.bitmap ? entry.bitmap : null;
      },
      load: function (i) {
        return clip.want(i).promise;
      },
      pinned: new Set(),
      evict: function () {
        if (cache.size <= CACHE_SIZE) return;
        var keys = Array.from(cache.keys());
        for (var k = 0; k < keys.length && cache.size > CACHE_SIZE; k++) {
          if (clip.pinned.has(keys[k])) continue;
          var e = cache.get(keys[k]);
          if (!e.bitmap && !e.failed) continue; // still decoding
          cache.delete(keys[k]);
          if (e.bitmap) e.bitmap.close();
        }
      },
      close: function () {
        cache.forEach(function (e) {
          if (e.bitmap) e.bitmap.close();
        });
        cache.clear();
      },
    };
    return clip;
  }

  // ---- segments -----------------------------------------------------------------------------------
  function frameRange(seg, fps, count) {
    var a = clamp(Math.round(seg[0] * fps), 0, count - 1);
    var b = clamp(Math.round(seg[1] * fps), 0, count - 1);
    return b >= a ? [a, b] : [b, a];
  }
  function resolveSegments(segments, count) {
    var fps = (segments && segments.fps) || FPS;
    var neutral = segments && segments.neutral ? frameRange(segments.neutral, fps, count) : [0, count - 1];
    var actions = {};
    var all = [];
    var src = (segments && segments.actions) || {};
    Object.keys(src).forEach(function (name) {
      var list = (src[name] || []).map(function (seg) {
        return frameRange(seg, fps, count);
      });
      if (list.length) {
        actions[name] = list;
        list.forEach(function (r) {
          all.push({ action: name, range: r });
        });
      }
    });
    return { fps: fps, neutral: neutral, actions: actions, all: all };
  }

  // ---- the reflection mask (shared) ---------------------------------------------------------------
  var maskCanvas = null;
  function mask() {
    if (maskCanvas) return maskCanvas;
    maskCanvas = makeCanvas(RW, RH);
    var m = maskCanvas.getContext('2d');
    m.setTransform(0.42 * RW, 0, 0, 0.58 * RH, RW / 2, RH * 0.52);
    var g = m.createRadialGradient(0, 0, 0, 0, 0, 1);
    g.addColorStop(0, 'rgba(255,255,255,1)');
    g.addColorStop(0.55, 'rgba(255,255,255,1)');
    g.addColorStop(1, 'rgba(255,255,255,0)');
    m.fillStyle = g;
    m.fillRect(-1.5, -1.5, 3, 3);
    m.setTransform(1, 0, 0, 1, 0, 0);
    return maskCanvas;
  }

  // ---- reading the widget's screen ----------------------------------------------------------------
  function readScreen() {
    var host = typeof document !== 'undefined' ? document.querySelector('face-verify') : null;
    var root = host && host.shadowRoot;
    var out = { colour: null, prompt: null };
    if (!root) return out;
    var flash = root.querySelector('[part~="flash"]');
    if (flash && !flash.hidden) {
      var style = getComputedStyle(flash);
      if (style.display !== 'none' && style.visibility !== 'hidden') {
        var c = parseColour(style.backgroundColor);
        var alpha = c ? c[3] * (parseFloat(style.opacity) || 0) : 0;
        if (c && alpha > 0) out.colour = [Math.round(c[0] * alpha), Math.round(c[1] * alpha), Math.round(c[2] * alpha)];
      }
    }
    var prompt = root.querySelector('[part~="prompt"][data-action]');
    if (prompt && !prompt.hidden) {
      var key = '';
      for (var i = 0; i < prompt.attributes.length; i++) {
        var attr = prompt.attributes[i];
        if (attr.name.indexOf('data-') === 0) key += attr.name + '=' + attr.value + ';';
      }
      // The text too: a second prompt for the same action reads differently ("2 of 3").
      key += '|' + (prompt.textContent || '').replace(/\s+/g, ' ').trim();
      out.prompt = { action: prompt.getAttribute('data-action'), node: prompt, key: key };
    }
    return out;
  }

  // ---- one stream: its canvas, its loop, its player -----------------------------------------------
  function Stream(inst, constraints) {
    var self = this;
    this.inst = inst;
    this.index = inst.streams.length;
    this.canvas = makeCanvas(W, H);
    this.ctx = this.canvas.getContext('2d', { alpha: false });
    this.refl = makeCanvas(RW, RH);
    this.rctx = this.refl.getContext('2d');
    this.fadeCanvas = null;
    this.fade = null;
    this.t0 = now();
    this.frames = 0;
    this.lastIndex = -1;
    this.lastDrawnAt = 0;
    this.intervals = [];
    this.stopped = false;
    this.colourHistory = []; // { t, rgb } changes, t = ms since stream start
    this.lastColourKey = 'none';
    this.recording = { v: 1, clip: inst.clip.url, fps: FPS, mode: inst.mode, strength: inst.strength, frames: [] };
    this.track = null;
    this.tracks = [];
    this.constraints = constraints;
    this.rng = inst.rng;
    var seg = inst.seg;
    // Player state.
    this.play = null; // { kind, a, b, t0, phase, dir }
    this.pending = []; // prompts waiting for the reaction delay
    this.current = null; // the prompt being acted on
    this.seenKey = null; // the prompt currently on screen
    this.seenNode = null;
    this.nextWrongAt = 1500 + this.rng() * 1000;
    this.wrongOrder = [];
    this.nextWrong = null;
    if (inst.mode === 'replay') this.play = { kind: 'loop', a: 0, b: inst.clip.count - 1, t0: 0, phase: 0 };
    else this.setNeutral(0, (seg.neutral[1] - seg.neutral[0]) * this.rng());
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, W, H);
    var stream = this.canvas.captureStream(FPS);
    this.stream = stream;
    var track = stream.getVideoTracks()[0];
    this.track = track;
    this.patchTrack(track);
    // MediaStream.clone() clones the tracks natively; patch the clones too.
    var nativeClone = stream.clone;
    Object.defineProperty(stream, 'clone', {
      configurable: true,
      value: function () {
        var copy = nativeClone.call(stream);
        copy.getVideoTracks().forEach(function (t) {
          self.patchTrack(t);
        });
        return copy;
      },
    });
    this.schedule();
  }

  Stream.prototype.patchTrack = function (track) {
    var self = this;
    var inst = this.inst;
    this.tracks.push(track);
    var settings = {
      aspectRatio: W / H,
      deviceId: inst.deviceId,
      facingMode: 'user',
      frameRate: FPS,
      groupId: inst.groupId,
      height: H,
      resizeMode: 'none',
      width: W,
    };
    var capabilities = {
      aspectRatio: { max: 1280, min: 1 / 720 },
      deviceId: inst.deviceId,
      facingMode: ['user'],
      frameRate: { max: FPS, min: 1 },
      groupId: inst.groupId,
      height: { max: 720, min: 1 },
      resizeMode: ['none', 'crop-and-scale'],
      width: { max: 1280, min: 1 },
    };
    var constraints = (this.constraints && typeof this.constraints.video === 'object' && this.constraints.video) || {};
    var define = function (name, value) {
      Object.defineProperty(track, name, { configurable: true, enumerable: false, writable: true, value: value });
    };
    Object.defineProperty(track, 'label', { configurable: true, enumerable: true, get: function () { return inst.label; } });
    define('getSettings', function () { return Object.assign({}, settings); });
    define('getCapabilities', function () { return JSON.parse(JSON.stringify(capabilities)); });
    define('getConstraints', function () { return JSON.parse(JSON.stringify(constraints)); });
    define('applyConstraints', function (c) {
      constraints = c || {};
      return Promise.resolve();
    });
    var nativeStop = track.stop;
    define('stop', function () {
      nativeStop.call(track);
      self.checkEnded();
    });
    var nativeTrackClone = track.clone;
    define('clone', function () {
      var copy = nativeTrackClone.call(track);
      self.patchTrack(copy);
      return copy;
    });
    track.addEventListener('ended', function () {
      self.checkEnded();
    });
  };

  Stream.prototype.checkEnded = function () {
    if (this.stopped) return;
    for (var i = 0; i < this.tracks.length; i++) if (this.tracks[i].readyState !== 'ended') return;
    this.end();
  };

  Stream.prototype.end = function () {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.inst.log('stream ' + this.index + ' ended after ' + this.frames + ' frames');
  };

  /**
   * A self-correcting 30 fps clock: frame n is due at t0 + n * 33.3 ms. A timer that fires a little
   * early still draws its slot (never two frames for one slot); a slot missed by a busy thread is
   * skipped, as a camera drops a frame.
   */
  Stream.prototype.schedule = function () {
    var self = this;
    if (this.stopped) return;
    var elapsed = now() - this.t0;
    var slot = Math.max((this.slot || 0) + 1, Math.floor((elapsed + 2) / FRAME_MS));
    if (slot * FRAME_MS < elapsed - 2) slot = Math.floor(elapsed / FRAME_MS) + 1;
    this.slot = slot;
    this.timer = setTimeout(function () {
      self.tick();
      self.schedule();
    }, Math.max(0, slot * FRAME_MS - elapsed));
  };

  Stream.prototype.setNeutral = function (t, phase) {
    var n = this.inst.seg.neutral;
    this.play = { kind: n[1] > n[0] ? 'pingpong' : 'hold', a: n[0], b: n[1], t0: t, phase: phase || 0 };
  };

  /** The source frame the current play plan shows at time t (ms since stream start), and whether it ended. */
  Stream.prototype.frameAt = function (t) {
    var p = this.play;
    var pos = ((t - p.t0) * FPS * this.inst.speed) / 1000 + (p.phase || 0);
    var len = p.b - p.a;
    switch (p.kind) {
      case 'hold':
        return { i: p.a, done: false };
      case 'once': {
        var i = p.a + Math.floor(pos);
        return i > p.b ? { i: p.b, done: true } : { i: i, done: false };
      }
      case 'loop':
        return { i: p.a + (Math.floor(pos) % (len + 1)), done: false };
      case 'pingpong': {
        var k = Math.floor(pos) % (2 * len);
        return { i: p.a + (k <= len ? k : 2 * len - k), done: false };
      }
    }
    return { i: p.a, done: false };
  };

  /** The next segment of `action` (segments of one action are used in turn), or null if the clip has none. */
  Stream.prototype.pickSegment = function (action) {
    var list = this.inst.seg.actions[action];
    if (!list || list.length === 0) return null;
    var n = this.inst.actionUse[action] || 0;
    this.inst.actionUse[action] = n + 1;
    return list[n % list.length];
  };

  Stream.prototype.startAction = function (t, entry, why) {
    if (why === 'retry' || !entry.range) entry.range = this.pickSegment(entry.action);
    var range = entry.range;
    if (!range) {
      entry.unavailable = true;
      this.inst.log('no segment for ' + entry.action + ' in this clip');
      return false;
    }
    this.play = { kind: 'once', a: range[0], b: range[1], t0: t, phase: 0, action: entry.action };
    entry.startedAt = entry.startedAt === null ? Math.round(t) : entry.startedAt;
    entry.segment = range.slice();
    entry.tries = (entry.tries || 0) + 1;
    this.inst.log(why + ': ' + entry.action + ' frames ' + range[0] + '-' + range[1] + ' at ' + Math.round(t) + ' ms');
    return true;
  };

  /** Watches the screen and moves the player (modes that follow prompts). */
  Stream.prototype.follow = function (t, screen) {
    var inst = this.inst;
    var p = screen.prompt;
    var key = p ? p.key : null;
    if (p && (p.node !== this.seenNode || key !== this.seenKey)) {
      var delay = inst.reactionMs[0] + this.rng() * (inst.reactionMs[1] - inst.reactionMs[0]);
      var entry = { stream: this.index, action: p.action, seenAt: Math.round(t), at: Math.round(this.t0 + t), reactAt: t + delay, startedAt: null, endedAt: null, segment: null, tries: 0, range: null };
      entry.range = this.pickSegment(p.action);
      inst.prompts.push(entry);
      this.pending.push(entry);
      inst.log('prompt ' + p.action + ' seen at ' + Math.round(t) + ' ms');
    }
    if (!p && this.seenKey !== null && this.current) this.current.goneAt = this.current.goneAt || Math.round(t);
    this.seenNode = p ? p.node : null;
    this.seenKey = key;

    var f = this.frameAt(t);
    if (this.play.kind === 'once' && f.done) {
      if (this.current) this.current.endedAt = Math.round(t);
      this.switchTo(t, function (s) { s.setNeutral(t, 0); });
      f = this.frameAt(t);
    }
    if (this.play.kind !== 'once') {
      var next = this.pending[0];
      if (next && t >= next.reactAt) {
        this.pending.shift();
        this.current = next;
        this.switchTo(t, function (s) { s.startAction(t, next, 'react'); });
      } else if (this.current && p && this.seenKey !== null && p.action === this.current.action && this.current.endedAt !== null &&
        !this.current.goneAt && this.current.tries < 3 && t - this.current.endedAt >= inst.retryAfterMs && this.pending.length === 0) {
        // Still asked after doing it: a person tries once more.
        var cur = this.current;
        this.switchTo(t, function (s) { s.startAction(t, cur, 'retry'); });
      }
    }
  };

  /** Runs `change` on the player; crossfades from the frame on screen when the source index jumps. */
  Stream.prototype.switchTo = function (t, change) {
    var before = this.lastIndex;
    change(this);
    var after = this.frameAt(t).i;
    var bmp = before >= 0 ? this.inst.clip.ready(before) : null;
    if (this.inst.crossfadeMs > 0 && bmp && Math.abs(after - before) > 1) {
      if (!this.fadeCanvas) this.fadeCanvas = makeCanvas(W, H);
      var fc = this.fadeCanvas.getContext('2d');
      fc.drawImage(bmp, 0, 0, W, H);
      this.fade = { start: t, ms: this.inst.crossfadeMs };
    }
  };

  Stream.prototype.wrongOrderStep = function (t) {
    var seg = this.inst.seg;
    var f = this.frameAt(t);
    if (this.play.kind === 'once' && f.done) {
      this.switchTo(t, function (s) { s.setNeutral(t, 0); });
      this.nextWrongAt = t + this.inst.wrongOrderEveryMs * (0.8 + 0.4 * this.rng());
    }
    if (this.play.kind !== 'once' && seg.all.length > 0 && !this.nextWrong) {
      if (this.wrongOrder.length === 0) {
        this.wrongOrder = seg.all.slice();
        for (var i = this.wrongOrder.length - 1; i > 0; i--) {
          var j = Math.floor(this.rng() * (i + 1));
          var x = this.wrongOrder[i];
          this.wrongOrder[i] = this.wrongOrder[j];
          this.wrongOrder[j] = x;
        }
      }
      this.nextWrong = this.wrongOrder.shift();
    }
    var pick = this.nextWrong;
    if (pick && this.play.kind !== 'once') {
      this.inst.clip.want(pick.range[0]);
      this.inst.clip.want(pick.range[0] + 1);
    }
    if (pick && this.play.kind !== 'once' && t >= this.nextWrongAt) {
      this.nextWrong = null;
      this.inst.log('own schedule: ' + pick.action + ' at ' + Math.round(t) + ' ms');
      this.inst.ownActions.push({ stream: this.index, action: pick.action, startedAt: Math.round(t), segment: pick.range.slice() });
      this.switchTo(t, function (s) {
        s.play = { kind: 'once', a: pick.range[0], b: pick.range[1], t0: t, phase: 0, action: pick.action };
      });
    }
  };

  Stream.prototype.colourAt = function (t) {
    var h = this.colourHistory;
    for (var i = h.length - 1; i >= 0; i--) if (h[i].t <= t) return h[i].rgb;
    return null;
  };

  Stream.prototype.tick = function () {
    var began = now();
    this.step();
    var cost = now() - began;
    this.inst.tickMs += cost;
    this.inst.ticks++;
    if (cost > this.inst.tickMaxMs) this.inst.tickMaxMs = cost;
  };

  Stream.prototype.step = function () {
    if (this.stopped) return;
    this.checkEnded();
    if (this.stopped) return;
    var inst = this.inst;
    var t = now() - this.t0;
    var mode = inst.mode;
    var screen = readScreen();

    // What the screen shows now (recorded for every mode; used by the reflecting ones).
    var ckey = screen.colour ? screen.colour.join(',') : 'none';
    if (ckey !== this.lastColourKey) {
      this.lastColourKey = ckey;
      this.colourHistory.push({ t: t, rgb: screen.colour });
      if (screen.colour) inst.colours.push({ stream: this.index, rgb: screen.colour, seenAt: Math.round(t), at: Math.round(this.t0 + t) });
    }

    var index;
    var colour = null;
    var strength = inst.strength;
    if (mode === 'recorded-replay') {
      var rec = inst.recordingIn;
      var list = rec.frames;
      var span = list.length ? list[list.length - 1][0] + FRAME_MS : 1;
      var rt = (t % span) + FRAME_MS / 2; // the recorded frame nearest in time
      var lo = 0;
      var hi = list.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (list[mid][0] <= rt) lo = mid;
        else hi = mid - 1;
      }
      var row = list[lo];
      index = row[1];
      inst.clip.want(index);
      for (var ahead = 1; ahead <= 3; ahead++) inst.clip.want(list[(lo + ahead) % list.length][1]);
      colour = row[2];
      strength = typeof rec.strength === 'number' ? rec.strength : inst.strength;
    } else {
      if (mode === 'cooperative' || mode === 'puppet' || mode === 'two-faces' || mode === 'no-face') this.follow(t, screen);
      else if (mode === 'wrong-order') this.wrongOrderStep(t);
      index = this.frameAt(t).i;
      if (inst.reflects) colour = this.colourAt(t - inst.lagMs);
    }

    // Decode ahead: this frame and the next two the plan will show.
    var clip = inst.clip;
    clip.want(index);
    if (mode !== 'recorded-replay') {
      clip.want(this.frameAt(t + FRAME_MS).i);
      clip.want(this.frameAt(t + 2 * FRAME_MS).i);
      // Jumps the player will make soon: into a pending action, back to neutral after one.
      var soon = this.pending[0];
      if (soon && soon.range) {
        clip.want(soon.range[0]);
        clip.want(soon.range[0] + 1);
      }
      if (this.play.kind === 'once' && this.frameAt(t + 3 * FRAME_MS).done) {
        clip.want(inst.seg.neutral[0]);
        clip.want(inst.seg.neutral[0] + 1);
      }
    }
    var bmp = clip.ready(index);
    if (!bmp) {
      inst.decodeMisses++;
      if (this.lastIndex >= 0 && clip.ready(this.lastIndex)) {
        index = this.lastIndex;
        bmp = clip.ready(index);
      } else {
        return; // nothing decoded yet: no frame (the track just waits, like a camera warming up)
      }
    }
    clip.pinned.delete(this.lastIndex);
    clip.pinned.add(index);
    try {
      this.draw(bmp, t, colour, strength);
    } catch (error) {
      inst.drawErrors++;
      return; // a bitmap closed under us (another stream evicted it): skip this frame
    }
    this.lastIndex = index;
    this.frames++;
    inst.framesDrawn++;
    var at = now();
    if (this.lastDrawnAt) this.intervals.push(at - this.lastDrawnAt);
    if (this.intervals.length > 600) this.intervals.shift();
    this.lastDrawnAt = at;
    if (this.recording.frames.length < MAX_RECORDING) this.recording.frames.push([Math.round(t), index, colour ? colour.slice() : null]);
  };

  Stream.prototype.draw = function (bmp, t, colour, strength) {
    var inst = this.inst;
    var ctx = this.ctx;
    var rng = this.rng;
    var j = inst.jitterPx;
    var dx = (rng() * 2 - 1) * j;
    var dy = (rng() * 2 - 1) * j;
    var pad = Math.ceil(j);
    ctx.globalAlpha = 1;
    ctx.globalCompositeOperation = 'copy';
    // A hair larger than the frame, so the shifted picture still covers every pixel.
    ctx.drawImage(bmp, -pad + dx, -pad + dy, W + 2 * pad, H + 2 * pad);
    ctx.globalCompositeOperation = 'source-over';
    if (this.fade) {
      var left = 1 - (t - this.fade.start) / this.fade.ms;
      if (left <= 0) this.fade = null;
      else {
        ctx.globalAlpha = left;
        ctx.drawImage(this.fadeCanvas, -pad + dx, -pad + dy, W + 2 * pad, H + 2 * pad);
        ctx.globalAlpha = 1;
      }
    }
    if (inst.mode === 'two-faces') {
      // The face region of the same frame (centre 40 % x 60 %) at 60 %, at the right edge.
      var sw = W * 0.4;
      var sh = H * 0.6;
      var tw = sw * 0.6;
      var th = sh * 0.6;
      ctx.drawImage(bmp, (W - sw) / 2, H * 0.22, sw, sh, W - tw - 6 + dx, H * 0.3 + dy, tw, th);
    }
    if (colour && strength > 0 && (colour[0] || colour[1] || colour[2])) {
      var r = this.rctx;
      r.globalAlpha = 1;
      r.globalCompositeOperation = 'copy';
      r.fillStyle = 'rgb(' + colour[0] + ',' + colour[1] + ',' + colour[2] + ')';
      r.fillRect(0, 0, RW, RH);
      r.globalCompositeOperation = 'multiply';
      r.drawImage(this.canvas, 0, 0, RW, RH);
      r.globalCompositeOperation = 'destination-in';
      r.drawImage(mask(), 0, 0);
      ctx.globalCompositeOperation = 'lighter';
      ctx.globalAlpha = Math.min(1, strength);
      ctx.drawImage(this.refl, 0, 0, W, H);
      ctx.globalAlpha = 1;
    }
    if (inst.noise > 0) {
      var u = (rng() * 2 - 1) * inst.noise;
      var levels = Math.floor(Math.abs(u)) + (rng() < Math.abs(u) % 1 ? 1 : 0);
      if (levels > 0) {
        ctx.globalCompositeOperation = u > 0 ? 'lighter' : 'difference';
        ctx.fillStyle = 'rgb(' + levels + ',' + levels + ',' + levels + ')';
        ctx.fillRect(0, 0, W, H);
      }
    }
    ctx.globalCompositeOperation = 'source-over';
  };

  Stream.prototype.stats = function () {
    var iv = this.intervals;
    var mean = iv.length ? iv.reduce(function (a, b) { return a + b; }, 0) / iv.length : null;
    var sd = mean === null ? null : Math.sqrt(iv.reduce(function (a, b) { return a + (b - mean) * (b - mean); }, 0) / iv.length);
    return {
      index: this.index,
      startedAt: Math.round(this.t0),
      frames: this.frames,
      live: !this.stopped,
      readyState: this.track.readyState,
      intervalMeanMs: mean === null ? null : Math.round(mean * 100) / 100,
      intervalSdMs: sd === null ? null : Math.round(sd * 100) / 100,
    };
  };

  // ---- install / uninstall ------------------------------------------------------------------------
  function install(options) {
    options = options || {};
    if (!options.clip) throw new TypeError('FaceVerifyStandIn.install: options.clip (URL of an .mjpeg or an image) is required');
    var mode = options.mode || 'cooperative';
    if (MODES.indexOf(mode) < 0) throw new TypeError('FaceVerifyStandIn.install: unknown mode ' + mode + '; one of ' + MODES.join(', '));
    if (mode === 'recorded-replay' && !(options.recording && options.recording.frames && options.recording.frames.length)) {
      throw new TypeError('FaceVerifyStandIn.install: recorded-replay needs options.recording (stats().recording of an earlier session)');
    }
    if (!G.navigator || !navigator.mediaDevices) throw new Error('FaceVerifyStandIn.install: navigator.mediaDevices is missing (not a secure context?)');
    if (installed) uninstall();
    var reflection = options.reflection || {};
    var seed = Number.isInteger(options.seed) ? options.seed : Math.floor(Math.random() * 2147483647);
    var label = options.label || 'Integrated Camera (stand-in)';
    var logOption = options.log;
    var inst = {
      mode: mode,
      seed: seed,
      rng: mulberry32(seed),
      label: label,
      deviceId: hashString('device:' + label) + hashString('id:' + label) + hashString(label + ':d'),
      groupId: hashString('group:' + label) + hashString(label + ':g'),
      strength: typeof reflection.strength === 'number' ? reflection.strength : 0.12,
      lagMs: typeof reflection.lagMs === 'number' ? reflection.lagMs : 66,
      noise: typeof reflection.noise === 'number' ? reflection.noise : 1.5,
      jitterPx: typeof options.jitterPx === 'number' ? options.jitterPx : 1,
      reactionMs: options.reactionMs || [300, 700],
      retryAfterMs: typeof options.retryAfterMs === 'number' ? options.retryAfterMs : 1500,
      crossfadeMs: typeof options.crossfadeMs === 'number' ? options.crossfadeMs : 100,
      speed: typeof options.speed === 'number' && options.speed > 0 ? options.speed : 1,
      wrongOrderEveryMs: options.wrongOrderEveryMs || 2000,
      reflects: mode === 'cooperative' || mode === 'photo' || mode === 'two-faces' || mode === 'no-face',
      recordingIn: options.recording || null,
      segmentsIn: options.segments || null,
      clip: null,
      seg: null,
      clipPromise: null,
      clipError: null,
      streams: [],
      prompts: [],
      colours: [],
      ownActions: [],
      actionUse: {},
      framesDrawn: 0,
      decodeMisses: 0,
      drawErrors: 0,
      ticks: 0,
      tickMs: 0,
      tickMaxMs: 0,
      calls: 0,
      granted: false,
      log: function (line) {
        if (typeof logOption === 'function') logOption('[stand-in] ' + line);
        else if (logOption) console.log('[stand-in] ' + line);
      },
    };
    if (typeof options.reflects === 'boolean') inst.reflects = options.reflects;
    if (mode === 'recorded-replay') inst.reflects = false; // reflections come from the recording
    inst.clipPromise = loadClip(options.clip).then(function (clip) {
      inst.clip = clip;
      inst.seg = resolveSegments(inst.segmentsIn, clip.count);
      if (mode === 'photo') inst.seg.neutral = [inst.seg.neutral[0], inst.seg.neutral[0]];
      if (mode === 'replay') inst.seg.neutral = [0, clip.count - 1];
      // The first frames the stream will need.
      return clip.load(inst.seg.neutral[0]).then(function () { return clip; });
    }).catch(function (error) {
      inst.clipError = String((error && error.message) || error);
      throw error;
    });
    inst.clipPromise.catch(function () {});

    var md = navigator.mediaDevices;
    if (!nativeGetUserMedia) {
      nativeGetUserMedia = md.getUserMedia;
      nativeEnumerateDevices = md.enumerateDevices;
    }
    var gum = function getUserMedia(constraints) {
      inst.calls++;
      constraints = constraints || {};
      if (!constraints.video) {
        return nativeGetUserMedia ? nativeGetUserMedia.call(md, constraints) : Promise.reject(domError('NotFoundError', 'Requested device not found'));
      }
      var v = typeof constraints.video === 'object' ? constraints.video : {};
      var wanted = v.deviceId && typeof v.deviceId === 'object' ? v.deviceId.exact : null;
      if (wanted && (Array.isArray(wanted) ? wanted.indexOf(inst.deviceId) < 0 : wanted !== inst.deviceId)) {
        var err = domError('OverconstrainedError', 'Constraints could not be satisfied.');
        try { Object.defineProperty(err, 'constraint', { value: 'deviceId' }); } catch (e) { /* ignore */ }
        return Promise.reject(err);
      }
      return inst.clipPromise.then(function () {
        if (installed !== inst) throw domError('AbortError', 'The stand-in camera was uninstalled');
        var s = new Stream(inst, constraints);
        inst.streams.push(s);
        inst.granted = true;
        var result = s.stream;
        if (constraints.audio && nativeGetUserMedia) {
          return nativeGetUserMedia.call(md, { audio: constraints.audio }).then(function (audio) {
            audio.getAudioTracks().forEach(function (t) { result.addTrack(t); });
            return result;
          }, function () { return result; });
        }
        inst.log('getUserMedia #' + inst.calls + ' -> stream ' + s.index + ' (' + inst.mode + ')');
        return result;
      }, function (error) {
        throw domError('NotReadableError', 'Could not start video source (stand-in clip failed: ' + ((error && error.message) || error) + ')');
      });
    };
    var enumerate = function enumerateDevices() {
      var base = nativeEnumerateDevices ? nativeEnumerateDevices.call(md) : Promise.resolve([]);
      return base.then(function (list) {
        var others = Array.prototype.filter.call(list, function (d) { return d.kind !== 'videoinput'; });
        var info = {
          deviceId: inst.granted ? inst.deviceId : '',
          groupId: inst.granted ? inst.groupId : '',
          kind: 'videoinput',
          label: inst.granted ? inst.label : '',
        };
        var device;
        try {
          device = Object.create(G.InputDeviceInfo ? G.InputDeviceInfo.prototype : G.MediaDeviceInfo.prototype);
        } catch (e) {
          device = {};
        }
        Object.keys(info).forEach(function (k) {
          Object.defineProperty(device, k, { value: info[k], enumerable: true, configurable: true });
        });
        Object.defineProperty(device, 'toJSON', { value: function () { return Object.assign({}, info); }, configurable: true });
        Object.defineProperty(device, 'getCapabilities', {
          value: function () { return inst.streams.length ? inst.streams[0].track.getCapabilities() : {}; },
          configurable: true,
        });
        return [device].concat(others);
      });
    };
    Object.defineProperty(md, 'getUserMedia', { configurable: true, writable: true, value: gum });
    Object.defineProperty(md, 'enumerateDevices', { configurable: true, writable: true, value: enumerate });
    installed = inst;
    inst.log('installed: ' + mode + ', clip ' + options.clip + ', seed ' + seed);
    return inst.clipPromise.then(function (clip) {
      return { frames: clip.count, neutral: inst.seg.neutral.slice(), actions: Object.keys(inst.seg.actions), seed: seed };
    });
  }

  function uninstall() {
    var inst = installed;
    if (!inst) return;
    inst.streams.forEach(function (s) {
      s.tracks.forEach(function (t) {
        try { t.stop(); } catch (e) { /* ignore */ }
      });
      s.end();
    });
    var md = navigator.mediaDevices;
    if (nativeGetUserMedia) {
      delete md.getUserMedia;
      delete md.enumerateDevices;
      if (md.getUserMedia !== nativeGetUserMedia) Object.defineProperty(md, 'getUserMedia', { configurable: true, writable: true, value: nativeGetUserMedia });
      if (md.enumerateDevices !== nativeEnumerateDevices) Object.defineProperty(md, 'enumerateDevices', { configurable: true, writable: true, value: nativeEnumerateDevices });
    }
    if (inst.clip) inst.clip.close();
    installed = null;
    lastStats = collect(inst);
  }

  var lastStats = null;
  function collect(inst) {
    var streams = inst.streams.map(function (s) { return s.stats(); });
    var last = inst.streams[inst.streams.length - 1];
    return {
      mode: inst.mode,
      seed: inst.seed,
      label: inst.label,
      clip: inst.clip ? { url: inst.clip.url, frames: inst.clip.count, decodes: inst.clip.decodes } : null,
      clipError: inst.clipError,
      segments: inst.seg ? { neutral: inst.seg.neutral.slice(), actions: JSON.parse(JSON.stringify(inst.seg.actions)) } : null,
      getUserMediaCalls: inst.calls,
      framesDrawn: inst.framesDrawn,
      decodeMisses: inst.decodeMisses,
      drawErrors: inst.drawErrors,
      /** Main-thread time the stand-in spends per frame (reading the screen, compositing), ms. */
      tickMeanMs: inst.ticks ? Math.round((100 * inst.tickMs) / inst.ticks) / 100 : null,
      tickMaxMs: Math.round(inst.tickMaxMs * 100) / 100,
      streams: streams,
      liveStreams: streams.filter(function (s) { return s.live; }).length,
      prompts: inst.prompts.map(function (p) {
        return { stream: p.stream, action: p.action, seenAt: p.seenAt, at: p.at, startedAt: p.startedAt, endedAt: p.endedAt, segment: p.segment, tries: p.tries, unavailable: !!p.unavailable };
      }),
      ownActions: inst.ownActions.slice(),
      colours: inst.colours.slice(),
      recording: last ? last.recording : null,
      recordings: inst.streams.map(function (s) { return s.recording; }),
    };
  }

  function stats() {
    if (installed) return collect(installed);
    return lastStats;
  }

  /**
   * Switches a live stand-in between the two prompt-following modes, as when the same person steps
   * in front of the screen: 'puppet' (no reflection) and 'cooperative' (reflects). Streams already
   * handed out change on their next frame.
   */
  function setMode(mode) {
    if (!installed) throw new Error('FaceVerifyStandIn.setMode: nothing is installed');
    if (mode !== 'cooperative' && mode !== 'puppet') throw new TypeError('FaceVerifyStandIn.setMode: only cooperative and puppet can be switched live');
    installed.mode = mode;
    installed.reflects = mode === 'cooperative';
    installed.log('mode: ' + mode);
  }

  G.FaceVerifyStandIn = { install: install, uninstall: uninstall, stats: stats, setMode: setMode, modes: MODES.slice() };
})();

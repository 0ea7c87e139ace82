;; Scores packed IVF entries against a query (lib/search/scan.ts loads the compiled module; after an
;; edit, `npm run build:scan` writes lib/search/scan-wasm.ts again, and a unit test checks the two agree).
;;
;; An entry (lib/search/vectors/data.ts): a big-endian int32 paper id, a little-endian float32 scale,
;; then `dims` signed bytes (dims a multiple of 8). The query is `dims` int16 (the unit vector times
;; 32767 / its largest component). Score of an entry = (Σ query[d] × byte[d]) × factor / scale, written
;; as float32 to `out`, one per entry in order: eight dimensions per SIMD step (bytes widened to int16,
;; multiplied pairwise and summed to int32 lanes), exact in int32 for any dims up to 2^16.
(module
  (memory (export "memory") 1)
  (func (export "scan")
    (param $query i32) (param $data i32) (param $count i32) (param $entry i32) (param $dims i32)
    (param $factor f32) (param $out i32)
    (local $d i32) (local $acc v128)
    (block $done
      (loop $entries
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $d (i32.const 0))
        (loop $lanes
          (local.set $acc
            (i32x4.add (local.get $acc)
              (i32x4.dot_i16x8_s
                (v128.load8x8_s offset=8 (i32.add (local.get $data) (local.get $d)))
                (v128.load (i32.add (local.get $query) (i32.shl (local.get $d) (i32.const 1)))))))
          (local.set $d (i32.add (local.get $d) (i32.const 8)))
          (br_if $lanes (i32.lt_u (local.get $d) (local.get $dims))))
        (f32.store (local.get $out)
          (f32.div
            (f32.mul
              (f32.convert_i32_s
                (i32.add
                  (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
                  (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
              (local.get $factor))
            (f32.load offset=4 (local.get $data))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $data (i32.add (local.get $data) (local.get $entry)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $entries)))))

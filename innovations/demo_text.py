"""The Indonesian text the demo innovations are written from: topics, names, partners, designs.

Fiction in the officials' vocabulary, kept apart from `demo.py` so the generator reads as logic.
"""

from .enums import HelixActor

# (acronym, long name, primary affair, problem, benefit)
TOPICS = [
    (
        "SIDUK KELILING",
        "Sistem Dokumen Kependudukan Keliling",
        "administrasi kependudukan",
        "warga desa terpencil menempuh perjalanan jauh untuk mengurus KTP dan akta kelahiran",
        "dokumen kependudukan terbit di desa tanpa biaya perjalanan",
    ),
    (
        "POSYANDU PINTAR",
        "Pencatatan Posyandu Digital",
        "kesehatan",
        "catatan tumbuh kembang balita masih di buku dan sering hilang",
        "kader dan bidan memantau gizi balita secara tepat waktu",
    ),
    (
        "GEMAS",
        "Gerakan Masyarakat Cegah Stunting",
        "kesehatan",
        "angka stunting di beberapa desa masih di atas target daerah",
        "keluarga berisiko stunting didampingi sejak kehamilan",
    ),
    (
        "IZIN KILAT",
        "Perizinan Usaha Satu Hari",
        "penanaman modal",
        "pelaku usaha kecil menunggu izin berhari-hari dan bolak-balik ke kantor",
        "izin usaha mikro selesai dalam satu hari kerja",
    ),
    (
        "BANK SAMPAH BERSINAR",
        "Bank Sampah Bersih, Sehat dan Bernilai",
        "lingkungan hidup",
        "sampah rumah tangga dibuang ke sungai dan saluran air",
        "sampah terpilah menjadi tabungan warga",
    ),
    (
        "PASAR TANI DARING",
        "Pasar Hasil Tani Daring",
        "pertanian",
        "petani menjual hasil panen kepada tengkulak dengan harga rendah",
        "petani menjual langsung kepada pembeli dengan harga lebih baik",
    ),
    (
        "SEKOLAH RAMAH",
        "Sekolah Ramah Anak dan Lingkungan",
        "pendidikan",
        "angka putus sekolah di daerah pinggiran masih tinggi",
        "anak bertahan di sekolah dan orang tua lebih terlibat",
    ),
    (
        "DESA MELEK DIGITAL",
        "Literasi Digital Aparatur Desa",
        "komunikasi dan informatika",
        "aparatur desa belum terbiasa mengelola layanan daring",
        "layanan desa tercatat rapi dan dapat dipantau warga",
    ),
    (
        "SANITASI BERSAMA",
        "Gerakan Sanitasi Layak Bersama Warga",
        "pekerjaan umum",
        "rumah tangga di bantaran sungai belum memiliki jamban sehat",
        "akses sanitasi layak meningkat dan penyakit diare menurun",
    ),
    (
        "LAPOR CEPAT",
        "Layanan Pengaduan Cepat Warga",
        "pemerintahan umum",
        "pengaduan warga tidak terlacak dan lama ditindaklanjuti",
        "setiap pengaduan tercatat dan dijawab dalam tiga hari",
    ),
    (
        "UMKM NAIK KELAS",
        "Pendampingan UMKM Naik Kelas",
        "koperasi dan usaha mikro",
        "usaha mikro sulit mengakses pasar dan permodalan",
        "usaha mikro memiliki legalitas, kemasan dan akses pemasaran",
    ),
    (
        "AIR BERSIH GAMBUT",
        "Pengolahan Air Bersih Lahan Gambut",
        "pekerjaan umum",
        "air di lahan gambut berwarna dan tidak layak minum",
        "keluarga mendapat air bersih yang terjangkau",
    ),
    (
        "SIAGA BANJIR",
        "Sistem Siaga Banjir Berbasis Warga",
        "ketenteraman dan ketertiban umum",
        "peringatan banjir terlambat sampai ke warga di hilir",
        "warga menerima peringatan dini dan mengungsi lebih cepat",
    ),
    (
        "PAJAK MUDAH",
        "Pembayaran Pajak Daerah Tanpa Antre",
        "keuangan daerah",
        "wajib pajak harus datang ke kantor dan antre untuk membayar",
        "pajak daerah dapat dibayar dari desa melalui kanal daring",
    ),
    (
        "AMBULANS DESA",
        "Ambulans Desa Siaga",
        "kesehatan",
        "pasien gawat darurat di desa sulit mendapat angkutan ke fasilitas kesehatan",
        "pasien tiba di puskesmas lebih cepat",
    ),
    (
        "PUSTAKA KELILING",
        "Perpustakaan Keliling Desa",
        "perpustakaan",
        "minat baca anak desa rendah karena buku sulit dijangkau",
        "anak desa membaca lebih banyak buku setiap bulan",
    ),
    (
        "SUSUR SUNGAI",
        "Wisata Susur Sungai Martapura",
        "pariwisata",
        "potensi wisata sungai belum dikelola dan belum dikenal",
        "kunjungan wisata dan pendapatan warga sekitar sungai meningkat",
    ),
    (
        "KARTU TANI PINTAR",
        "Kartu Tani Terintegrasi",
        "pertanian",
        "penyaluran pupuk bersubsidi sering tidak tepat sasaran",
        "pupuk bersubsidi tersalurkan sesuai data petani",
    ),
    (
        "HARUAN SEHAT",
        "Olahan Ikan Haruan untuk Gizi Keluarga",
        "perikanan",
        "hasil tangkapan ikan haruan dijual murah tanpa diolah",
        "olahan ikan haruan menambah gizi dan penghasilan keluarga",
    ),
    (
        "ANTREAN DARING",
        "Antrean Daring Layanan Kesehatan",
        "kesehatan",
        "pasien menunggu berjam-jam di ruang tunggu puskesmas",
        "waktu tunggu pasien berkurang dan ruang tunggu tidak padat",
    ),
]
FIRST_NAMES = [
    "Ahmad",
    "Muhammad",
    "Siti",
    "Nurul",
    "Rahmat",
    "Fitri",
    "Gusti",
    "Noor",
    "Akhmad",
    "Rina",
    "Syahrani",
    "Hairiyah",
    "Fauzan",
    "Mariati",
    "Rusdi",
    "Yuliani",
    "Zainal",
    "Aulia",
]
LAST_NAMES = [
    "Rizani",
    "Hidayah",
    "Fauzi",
    "Rahmawati",
    "Syarifuddin",
    "Noorhayati",
    "Rusdiansyah",
    "Hasanah",
    "Zaini",
    "Maulida",
    "Arsyad",
    "Jannah",
    "Basri",
    "Wahyuni",
    "Saufi",
    "Lestari",
]
PARTNERS = {
    HelixActor.PEMERINTAH: [
        "Pemerintah Desa setempat",
        "Dinas Kominfo Provinsi Kalimantan Selatan",
    ],
    HelixActor.SWASTA: ["Koperasi Produsen Intan Lestari", "Toko Daring Banua"],
    HelixActor.AKADEMISI: ["Universitas Lambung Mangkurat", "Politeknik Negeri Banjarmasin"],
    HelixActor.MASYARAKAT: ["PKK Desa", "Karang Taruna Desa"],
    HelixActor.NGO: ["Komunitas Peduli Sungai", "Forum Anak Daerah"],
    HelixActor.MEDIA: ["Radio komunitas setempat", "Media daring lokal"],
}
PARTNER_ROLES = ["pendampingan teknis", "penyediaan sarana", "sosialisasi", "evaluasi dampak"]
COMMUNITY_GROUPS = ["Kelompok Tani", "Kelompok Pengrajin", "Karang Taruna", "Kelompok Wanita"]
DESIGN_SENTENCES = [
    "Tahap pertama adalah memetakan masalah bersama warga, kader, dan perangkat desa sehingga "
    "semua pihak memahami kondisi awal dan sepakat tentang ukuran keberhasilan.",
    "Tim kemudian menyusun alur layanan baru yang lebih pendek, menghapus langkah yang tidak "
    "perlu, dan menetapkan siapa yang bertanggung jawab pada setiap langkah.",
    "Data layanan dicatat dalam formulir sederhana yang dapat diisi dari telepon genggam, "
    "sehingga pimpinan dapat memantau kemajuan setiap minggu tanpa menunggu laporan bulanan.",
    "Uji coba dilakukan di satu wilayah terlebih dahulu selama tiga bulan, dengan catatan "
    "kendala yang ditemui dan perbaikan yang dilakukan setelah setiap evaluasi.",
    "Petugas mendapatkan pelatihan singkat tentang cara melayani, mencatat, dan menindaklanjuti "
    "keluhan, disertai panduan tertulis yang mudah dibaca.",
    "Warga diberi informasi melalui pengumuman di masjid, grup pesan singkat, dan papan "
    "informasi desa agar tahu cara memanfaatkan layanan baru ini.",
    "Perubahan pokok dibandingkan cara lama adalah layanan datang mendekati warga, prosesnya "
    "terukur, dan hasilnya dilaporkan secara terbuka kepada masyarakat.",
    "Kerja sama dengan mitra dari perguruan tinggi, dunia usaha, dan komunitas membantu "
    "menyediakan sarana, pendampingan, serta penilaian dampak secara mandiri.",
    "Anggaran disusun hemat dengan memanfaatkan sarana yang sudah ada, sehingga inovasi dapat "
    "dilanjutkan dan direplikasi oleh unit lain tanpa biaya besar.",
    "Setelah uji coba, hasil evaluasi dibahas bersama pimpinan untuk memutuskan perluasan "
    "penerapan ke seluruh wilayah kerja dan penetapan dasar hukumnya.",
    "Keberlanjutan dijaga dengan menetapkan keputusan kepala unit, menganggarkan kegiatan rutin, "
    "dan menyiapkan kader pengganti di setiap desa.",
    "Indikator keberhasilan meliputi waktu layanan, jumlah warga yang terlayani, tingkat "
    "kepuasan, dan berkurangnya keluhan yang sama dari bulan ke bulan.",
]


def demo_design_text(rng, min_words=310):
    """A design text of at least `min_words` words from the sentence pool (varied order)."""
    sentences, words = [], 0
    pool = list(DESIGN_SENTENCES)
    while words < min_words:
        rng.shuffle(pool)
        for sentence in pool:
            sentences.append(sentence)
            words += len(sentence.split())
            if words >= min_words:
                break
    return " ".join(sentences)
